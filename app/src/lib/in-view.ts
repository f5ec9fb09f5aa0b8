/** Runs `task` once `el` is on screen, e.g. to draw what nobody sees yet only when it is scrolled to. Returns a cancel. */
export function whenVisible(el: Element, task: () => void): () => void {
  if (typeof IntersectionObserver !== 'function') {
    task();
    return () => {};
  }
  const observer = new IntersectionObserver((entries) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    observer.disconnect();
    task();
  });
  observer.observe(el);
  return () => observer.disconnect();
}
