/**
 * The app's `bt:` User Timing marks (app/shared/timing-marks.ts) from every
 * realm it runs in: the page, its engine worker and the service worker. Each
 * realm has its own clock origin, so marks are turned into wall-clock times
 * and then into ms after the page's navigation start.
 */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { summarize } from './stats.ts';

/** Milestone name → ms after the page's navigation start. */
export type Milestones = Record<string, number>;

interface RealmMarks {
  origin: number;
  marks: { name: string; startTime: number }[];
}

function collectMarks(): RealmMarks {
  return {
    origin: performance.timeOrigin,
    marks: performance
      .getEntriesByType('mark')
      .filter((m) => m.name.startsWith('bt:') && m.name !== 'bt:trace')
      .map((m) => ({ name: m.name.slice(3), startTime: m.startTime })),
  };
}

// Page and Worker have evaluate() signatures TypeScript cannot unite.
const readRealm = (realm: Page | Worker): Promise<RealmMarks> =>
  'goto' in realm ? realm.evaluate(collectMarks) : realm.evaluate(collectMarks);

/** Page load milestones from Navigation Timing, then every realm's marks. */
export async function readMilestones(page: Page): Promise<Milestones> {
  const pageMarks = await readRealm(page);
  const navStart = pageMarks.origin;
  const out: Milestones = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const loaded: Record<string, number> = {};
    if (nav) {
      loaded['page:html'] = nav.responseEnd;
      loaded['page:dom-content-loaded'] = nav.domContentLoadedEventEnd;
    }
    return loaded;
  });
  const realms: RealmMarks[] = [pageMarks];
  for (const realm of [...page.workers(), ...page.context().serviceWorkers()]) {
    // A realm can go away while it is read (a service worker stopping): skip it.
    const marks = await readRealm(realm).catch(() => null);
    if (marks) realms.push(marks);
  }
  for (const { origin, marks } of realms) {
    for (const m of marks) out[m.name] = origin + m.startTime - navStart;
  }
  return out;
}

/** One trace mark (timing-marks.ts traceMark): ms after the page's navigation start, its realm and what. */
export interface TraceStep {
  at: number;
  realm: 'page' | 'worker' | 'sw';
  what: string;
}

interface RealmTrace {
  origin: number;
  steps: { startTime: number; what: string }[];
}

function collectTrace(): RealmTrace {
  return {
    origin: performance.timeOrigin,
    steps: performance
      .getEntriesByName('bt:trace', 'mark')
      .map((m) => ({ startTime: m.startTime, what: String((m as PerformanceMark).detail) })),
  };
}

const readRealmTrace = (realm: Page | Worker): Promise<RealmTrace> =>
  'goto' in realm ? realm.evaluate(collectTrace) : realm.evaluate(collectTrace);

/** Every realm's trace marks from `sinceMs` (after navigation start) on, in time order. */
export async function readTrace(page: Page, sinceMs: number): Promise<TraceStep[]> {
  const navStart = await page.evaluate(() => performance.timeOrigin);
  const realms: [TraceStep['realm'], Page | Worker][] = [
    ['page', page],
    ...page.workers().map((w): [TraceStep['realm'], Worker] => ['worker', w]),
    ...page
      .context()
      .serviceWorkers()
      .map((w): [TraceStep['realm'], Worker] => ['sw', w]),
  ];
  const steps: TraceStep[] = [];
  for (const [realm, handle] of realms) {
    const trace = await readRealmTrace(handle).catch(() => null);
    for (const step of trace?.steps ?? []) {
      const at = trace!.origin + step.startTime - navStart;
      if (at >= sinceMs) steps.push({ at, realm, what: step.what });
    }
  }
  return steps.sort((a, b) => a.at - b.at);
}

/** Clears the service workers' marks, so the next navigation's are its own. */
export async function clearServiceWorkerMarks(context: BrowserContext): Promise<void> {
  for (const sw of context.serviceWorkers()) {
    await sw.evaluate(() => performance.clearMarks()).catch(() => undefined);
  }
}

/** Each milestone's median over runs, in time order, as "name 123" lines for the bench's notes. */
export function medianMilestones(runs: readonly Milestones[]): string {
  const names = new Set(runs.flatMap((r) => Object.keys(r)));
  const medians = [...names].map((name) => {
    const values = runs.map((r) => r[name]).filter((v): v is number => v !== undefined);
    return { name, median: summarize(values)?.median ?? NaN, seen: values.length };
  });
  return medians
    .sort((a, b) => a.median - b.median)
    .map((m) => `${m.name} ${m.median.toFixed(0)}${m.seen < runs.length ? ` (${m.seen}/${runs.length} runs)` : ''}`)
    .join(', ');
}

/** Records the page's long tasks (over 50 ms of main-thread work) from the next navigation on. */
export async function installLongTaskProbe(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const tasks: [number, number][] = [];
    (globalThis as unknown as { __benchLongTasks: [number, number][] }).__benchLongTasks = tasks;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push([Math.round(e.startTime), Math.round(e.duration)]);
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** The page's long tasks so far as [start ms after navigation, duration ms]. */
export function readLongTasks(page: Page): Promise<[number, number][]> {
  return page.evaluate(() => (globalThis as unknown as { __benchLongTasks?: [number, number][] }).__benchLongTasks ?? []);
}
