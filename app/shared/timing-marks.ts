/**
 * Milestones on the way to a first video frame, as User Timing marks named
 * `bt:<what>`. Each realm (page, engine worker, service worker) keeps its own;
 * the bench reads them from all three to split up where the time goes.
 * Only the first occurrence is marked, so a long session adds a handful.
 */
export const MARK_PREFIX = 'bt:';

export function markOnce(what: string): void {
  const name = `${MARK_PREFIX}${what}`;
  if (performance.getEntriesByName(name, 'mark').length === 0) performance.mark(name);
}

/** Like markOnce, but keeps only the latest occurrence: for steps that repeat, such as a seek's request. */
export function markLatest(what: string): void {
  const name = `${MARK_PREFIX}${what}`;
  performance.clearMarks(name);
  performance.mark(name);
}
