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

/** The name of trace marks: each step of a stream request, with what it was in the mark's detail. */
export const TRACE_MARK = `${MARK_PREFIX}trace`;
/** Trace marks kept per realm: a seek's steps take a few dozen; older ones go in bulk. */
const TRACE_LIMIT = 500;
let traced = 0;

/**
 * Marks one step of a stream request (`what`: "wait 937", "respond 940"…),
 * every occurrence, so the bench can lay a seek's steps out across realms.
 */
export function traceMark(what: string): void {
  if (++traced > TRACE_LIMIT) {
    performance.clearMarks(TRACE_MARK);
    traced = 1;
  }
  performance.mark(TRACE_MARK, { detail: what });
}
