/**
 * The start-up report of bench/trace-startup.ts: for the page's main thread,
 * the engine worker and the service worker, each long task with what it ran
 * (trace events by kind, CPU profile functions mapped to sources) and the
 * totals up to the first frame; plus the page's script and style fetches and
 * the script compiles off those threads.
 */
import path from 'node:path';
import { dataOf, kindOf, selfTimes, Trace, type CallFrame, type Kind, type Sample, type TraceEvent } from './trace-events.ts';
import { SourceMapper, sourceGroup } from './trace-sourcemap.ts';

export interface ReportOptions {
  /** The traced navigation's path starts with this ('/add', '/t/<ih>'). */
  pathPrefix: string;
  /** The built app the trace ran, for its source maps. */
  distDir: string;
  /** Tasks at least this long are listed, ms. */
  minTaskMs: number;
  /** Totals run to here, ms after navigation (the first frame); the end of the trace without it. */
  untilMs?: number;
}

const KINDS: Kind[] = ['compile', 'evaluate', 'render', 'gc', 'parseHTML', 'profiler', 'other'];
const TOP = 8;
const ms = (us: number) => (us / 1000).toFixed(1);

interface Ctx {
  trace: Trace;
  mapper: SourceMapper;
  /** Navigation start, trace µs. */
  t0: number;
}

/** A function's label: original name (or the minified one) and its source place. */
function label(ctx: Ctx, f: CallFrame): string {
  if (!f.url) return f.functionName || '(anonymous)';
  // A webpack module factory (webtorrent.min.js), named by its id: its start maps to the module
  // before it, and its self time is the top-level code of the modules webpack concatenated into it.
  if (/^\d+$/.test(f.functionName)) return `webpack module ${f.functionName} (top level) ${path.basename(f.url)}`;
  const place = ctx.mapper.place(f);
  // V8 names a script's top-level code '' at 0:0 or at no place, which no mapping covers.
  const topLevel = !f.functionName && !f.lineNumber && !f.columnNumber;
  const name = f.functionName || (topLevel ? '(module top level)' : '(anonymous)');
  if (!place) return `${name} ${path.basename(f.url)}:${(f.lineNumber ?? 0) + 1}:${f.columnNumber ?? 0}`;
  // For an anonymous function the map's name at its start is a neighbour's (the callee it is passed to).
  const shown = f.functionName && place.name && place.name !== name ? `${place.name}[${name}]` : name;
  return `${shown} ${place.source}:${place.line}`;
}

function group(ctx: Ctx, f: CallFrame | undefined): string {
  if (!f?.url) return f?.functionName ?? '(none)';
  if (/^\d+$/.test(f.functionName)) return 'webpack modules (top level)';
  const place = ctx.mapper.place(f);
  return place ? sourceGroup(place.source) : path.basename(f.url);
}

function top(totals: Map<string, number>, n: number): [string, number][] {
  return [...totals].sort((a, b) => b[1] - a[1]).slice(0, n);
}

function add(map: Map<string, number>, key: string, us: number): void {
  map.set(key, (map.get(key) ?? 0) + us);
}

/** Self time per function and per source group, and inclusive time of the app's own functions. */
function profileOf(ctx: Ctx, samples: readonly Sample[]) {
  const fns = new Map<string, number>();
  const groups = new Map<string, number>();
  const ours = new Map<string, number>();
  for (const s of samples) {
    const leaf = s.stack[0];
    add(fns, leaf ? label(ctx, leaf) : '(empty)', s.dur);
    add(groups, group(ctx, leaf), s.dur);
    const seen = new Set<string>();
    for (const f of s.stack) {
      const source = f.url ? ctx.mapper.place(f)?.source : undefined;
      if (!source || !/^(app|sw)\//.test(source)) continue;
      const l = label(ctx, f);
      if (!seen.has(l)) add(ours, l, s.dur);
      seen.add(l);
    }
  }
  return { fns, groups, ours };
}

function kindsOf(spans: readonly TraceEvent[], start: number, end: number): { kinds: Map<Kind, number>; events: Map<string, number> } {
  const events = selfTimes(spans, start, end);
  const kinds = new Map<Kind, number>();
  for (const [name, us] of events) {
    const kind = kindOf(name);
    kinds.set(kind, (kinds.get(kind) ?? 0) + us);
  }
  return { kinds, events };
}

const kindLine = (kinds: Map<Kind, number>) =>
  KINDS.filter((k) => (kinds.get(k) ?? 0) >= 500).map((k) => `${k} ${ms(kinds.get(k) ?? 0)}`).join(', ');

const list = (rows: [string, number][], indent: string) => rows.map(([k, us]) => `${indent}${ms(us).padStart(6)}  ${k}`);

function threadReport(ctx: Ctx, title: string, pid: number, tid: number, o: ReportOptions, end: number): string[] {
  const spans = ctx.trace.spansOf(pid, tid);
  const samples = ctx.trace.samplesOf(pid, tid);
  const at = (us: number) => ((us - ctx.t0) / 1000).toFixed(0);
  const tasks = spans.filter((e) => e.name === 'RunTask' && e.ts >= ctx.t0 && e.ts < end);
  const out = [`## ${title} (${ctx.trace.threadName(pid, tid)}, pid ${pid} tid ${tid})`];
  const sliceOf = (a: number, b: number) => samples.filter((s) => s.ts >= a && s.ts < b);
  // What the thread did before its first long task, in brief: the tasks of 3 ms or more.
  const firstLong = tasks.find((t) => (t.dur ?? 0) >= o.minTaskMs * 1000);
  out.push(`before the first long task (tasks >= 3 ms: start, wall/CPU ms, top self events):`);
  for (const t of tasks.filter((t) => t.ts < (firstLong?.ts ?? end) && (t.dur ?? 0) >= 3000)) {
    const { events } = kindsOf(spans, t.ts, t.ts + (t.dur ?? 0));
    const cpu = (t as { tdur?: number }).tdur ?? 0;
    out.push(`  ${at(t.ts).padStart(5)}  ${ms(t.dur ?? 0)}/${ms(cpu)}  ${top(events, 3).map(([n, us]) => `${n} ${ms(us)}`).join(', ')}`);
  }
  for (const task of tasks.filter((t) => (t.dur ?? 0) >= o.minTaskMs * 1000)) {
    const taskEnd = task.ts + (task.dur ?? 0);
    const { kinds, events } = kindsOf(spans, task.ts, taskEnd);
    const cpu = (task as { tdur?: number }).tdur;
    out.push(
      `\n### task at ${at(task.ts)} ms: ${ms(task.dur ?? 0)} ms wall${cpu ? `, ${ms(cpu)} ms on CPU` : ''}`,
      `  kinds (self ms): ${kindLine(kinds)}`,
      `  top trace events (self ms): ${top(events, 5).map(([n, us]) => `${n} ${ms(us)}`).join(', ')}`,
    );
    const p = profileOf(ctx, sliceOf(task.ts, taskEnd));
    out.push('  functions by self time (ms):', ...list(top(p.fns, TOP), '    '));
    out.push(`  by source (self ms): ${top(p.groups, 6).map(([g, us]) => `${g} ${ms(us)}`).join(', ')}`);
    out.push('  app code, inclusive (ms):', ...list(top(p.ours, 6), '    '));
  }
  const busy = tasks.reduce((sum, t) => sum + (t.dur ?? 0), 0);
  const { kinds } = kindsOf(spans, ctx.t0, end);
  const p = profileOf(ctx, sliceOf(ctx.t0, end));
  out.push(
    `\n### totals to ${at(end)} ms: ${tasks.length} tasks, ${ms(busy)} ms busy; ${kindLine(kinds)}`,
    `  by source (self ms): ${top(p.groups, 10).map(([g, us]) => `${g} ${ms(us)}`).join(', ')}`,
    '  functions by self time (ms):',
    ...list(top(p.fns, 12), '    '),
  );
  return out;
}

/** Script and style requests of the page's process: sent, response, finished, ms after navigation. */
function fetches(ctx: Ctx, pid: number, end: number): string[] {
  const rows = new Map<string, { url: string; thread?: string; send?: number; response?: number; finish?: number; bytes?: number }>();
  for (const e of ctx.trace.events) {
    if (e.pid !== pid || e.ts < ctx.t0 || e.ts > end || !e.name.startsWith('Resource')) continue;
    const d = dataOf(e);
    const id = String(d.requestId);
    const row = rows.get(id) ?? { url: '' };
    if (e.name === 'ResourceSendRequest') Object.assign(row, { url: String(d.url), send: e.ts, thread: ctx.trace.threadName(pid, e.tid) });
    if (e.name === 'ResourceReceiveResponse') row.response = e.ts;
    if (e.name === 'ResourceFinish') Object.assign(row, { finish: e.ts, bytes: Number(d.encodedDataLength ?? 0) });
    rows.set(id, row);
  }
  const at = (us?: number) => (us === undefined ? '-' : ((us - ctx.t0) / 1000).toFixed(0));
  return [...rows.values()]
    .filter((r) => /\.(m?js|css|html)$|\/(add|t\/)/.test(new URL(r.url || 'http://x/').pathname))
    .map((r) => `  ${path.basename(new URL(r.url).pathname).slice(0, 40).padEnd(40)} sent ${at(r.send)}, response ${at(r.response)}, done ${at(r.finish)}, ${((r.bytes ?? 0) / 1024).toFixed(0)} KiB, by ${r.thread ?? '?'}`);
}

/** Script compiles and parses of the process on any thread: where and how long. */
function compiles(ctx: Ctx, pid: number, end: number): string[] {
  return ctx.trace.events
    .filter((e) => e.pid === pid && e.ph === 'X' && e.ts >= ctx.t0 && e.ts < end && /^v8\.(compile|compileModule|parseOnBackground|produceCache|produceModuleCache)$/.test(e.name))
    .filter((e) => (e.dur ?? 0) >= 1000)
    .map((e) => {
      const url = dataOf(e).url;
      const cpu = (e as { tdur?: number }).tdur;
      return `  ${((e.ts - ctx.t0) / 1000).toFixed(0).padStart(5)} ms  ${e.name} ${typeof url === 'string' ? path.basename(url) : ''} on ${ctx.trace.threadName(pid, e.tid)}: ${ms(e.dur ?? 0)} ms wall${cpu ? `, ${ms(cpu)} CPU` : ''}`;
    });
}

export function analyseTrace(json: unknown, o: ReportOptions): string {
  const trace = new Trace(json);
  const nav = trace.events
    .filter((e) => e.name === 'navigationStart' && dataOf(e).isLoadingMainFrame === true)
    .filter((e) => new URL(String(dataOf(e).documentLoaderURL) || 'about:blank').pathname.startsWith(o.pathPrefix))
    .at(-1);
  if (!nav) throw new Error(`no main-frame navigation to ${o.pathPrefix} in the trace`);
  const ctx: Ctx = { trace, mapper: new SourceMapper(o.distDir), t0: nav.ts };
  const end = o.untilMs === undefined ? Math.max(...trace.events.map((e) => e.ts)) : nav.ts + o.untilMs * 1000;
  // The realm that set a mark of its own is the thread: the engine worker's and the service worker's.
  const marks = trace.events.filter((e) => e.cat.includes('blink.user_timing') && e.name.startsWith('bt:') && e.ts >= nav.ts);
  const threadWithMark = (prefix: string) => {
    const hits = marks.filter((m) => m.name.startsWith(prefix));
    return hits.find((m) => m.pid === nav.pid) ?? hits[0];
  };
  const out = [
    `# Start-up trace of ${o.pathPrefix}… (renderer pid ${nav.pid}); ms after navigation start`,
    `marks: ${marks.filter((m) => m.pid === nav.pid).map((m) => `${m.name.slice(3)} ${((m.ts - nav.ts) / 1000).toFixed(0)}`).join(', ')}`,
    '\nfetches:',
    ...fetches(ctx, nav.pid, end),
    '\nscript compiles:',
    ...compiles(ctx, nav.pid, end),
    '',
    ...threadReport(ctx, 'page main thread', nav.pid, nav.tid, o, end),
  ];
  for (const [title, prefix] of [['engine worker', 'bt:engine:'], ['service worker', 'bt:sw:']] as const) {
    const mark = threadWithMark(prefix);
    out.push('', ...(mark ? threadReport(ctx, title, mark.pid, mark.tid, o, end) : [`## ${title}: no ${prefix} marks in the trace`]));
  }
  return out.join('\n');
}
