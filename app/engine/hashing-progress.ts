/** Hashing progress for the page, at most every 200 ms; a closed page is ignored. */
export function throttledProgress(report: (fraction: number) => void): (hashed: number, total: number) => void {
  let last = 0;
  return (hashed, total) => {
    const now = Date.now();
    if (now - last < 200 && hashed < total) return;
    last = now;
    Promise.resolve(report(total > 0 ? hashed / total : 0)).catch(() => {});
  };
}
