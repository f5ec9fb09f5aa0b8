/**
 * Scrolls `el` into view if it is not wholly on screen once laid out, e.g. a
 * player opened from a file row further down. An IntersectionObserver reads
 * the layout the next frame makes anyway: no forced layout, and no scroll
 * (or smooth-scroll frames) while a video starts when it is already in view.
 * Returns a stop for effects.
 */
export function revealIfHidden(el: Element): () => void {
  if (typeof IntersectionObserver !== 'function') return () => {};
  const observer = new IntersectionObserver(([entry]) => {
    observer.disconnect();
    // A hair under 1: sub-pixel edges.
    if (entry && entry.intersectionRatio < 0.99) el.scrollIntoView({ block: 'nearest' });
  });
  observer.observe(el);
  return () => observer.disconnect();
}

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
