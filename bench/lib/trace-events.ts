/**
 * A Chromium trace (chrome://tracing JSON) read for one purpose: per thread,
 * its top-level tasks, the trace events nested in them and V8's CPU profile
 * samples (Profile / ProfileChunk events of 'disabled-by-default-v8.cpu_profiler').
 * Times are trace microseconds (the monotonic clock) unless a name says ms.
 */

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: Record<string, unknown>;
}

export interface CallFrame {
  functionName: string;
  url?: string;
  /** 0-based, in the generated script. */
  lineNumber?: number;
  columnNumber?: number;
}

export interface Sample {
  ts: number;
  /** Until the next sample of the thread (capped), µs. */
  dur: number;
  /** Leaf first. */
  stack: CallFrame[];
}

type Json = Record<string, unknown>;
const asObject = (v: unknown): Json => (typeof v === 'object' && v !== null ? (v as Json) : {});
/** `args.data` of an event, or {}. */
export const dataOf = (e: TraceEvent): Json => asObject(e.args?.data);

/** The longest gap a sample is credited with: beyond it the profiler was not sampling. */
const MAX_SAMPLE_US = 5_000;

export class Trace {
  readonly events: TraceEvent[];
  readonly #threadNames = new Map<string, string>();

  constructor(json: unknown) {
    const raw = Array.isArray(json) ? json : asObject(json).traceEvents;
    if (!Array.isArray(raw)) throw new Error('not a Chromium trace: no traceEvents');
    this.events = raw as TraceEvent[];
    for (const e of this.events) {
      if (e.ph === 'M' && e.name === 'thread_name') this.#threadNames.set(`${e.pid}:${e.tid}`, String(asObject(e.args).name));
    }
  }

  threadName(pid: number, tid: number): string {
    return this.#threadNames.get(`${pid}:${tid}`) ?? `thread ${tid}`;
  }

  /** Threads of process `pid` with that name, busiest first. */
  threadsNamed(pid: number, name: string): number[] {
    const counts = new Map<number, number>();
    for (const e of this.events) {
      if (e.pid === pid && this.threadName(pid, e.tid) === name) counts.set(e.tid, (counts.get(e.tid) ?? 0) + 1);
    }
    return [...counts].sort((a, b) => b[1] - a[1]).map(([tid]) => tid);
  }

  /** Events of one thread that have a duration, in start order, outer before inner. */
  spansOf(pid: number, tid: number): TraceEvent[] {
    return this.events
      .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.dur !== undefined)
      .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  }

  /** The thread's CPU profile samples in time order. */
  samplesOf(pid: number, tid: number): Sample[] {
    const profiles = this.events.filter((e) => e.name === 'Profile' && e.pid === pid && e.tid === tid);
    const out: Sample[] = [];
    for (const profile of profiles) {
      const nodes = new Map<number, { callFrame: CallFrame; parent?: number }>();
      let ts = Number(dataOf(profile).startTime ?? profile.ts);
      const chunks = this.events
        .filter((e) => e.name === 'ProfileChunk' && e.pid === pid && e.id === profile.id)
        .sort((a, b) => a.ts - b.ts);
      for (const chunk of chunks) {
        const data = dataOf(chunk);
        const cpu = asObject(data.cpuProfile);
        for (const n of (cpu.nodes ?? []) as { id: number; callFrame: CallFrame; parent?: number }[]) {
          nodes.set(n.id, { callFrame: n.callFrame, parent: n.parent });
        }
        const samples = (cpu.samples ?? []) as number[];
        const deltas = (data.timeDeltas ?? []) as number[];
        samples.forEach((nodeId, i) => {
          ts += deltas[i] ?? 0;
          const stack: CallFrame[] = [];
          for (let n = nodes.get(nodeId); n; n = n.parent === undefined ? undefined : nodes.get(n.parent)) {
            if (n.callFrame.functionName !== '(root)') stack.push(n.callFrame);
          }
          out.push({ ts, dur: 0, stack });
        });
      }
    }
    out.sort((a, b) => a.ts - b.ts);
    out.forEach((s, i) => (s.dur = Math.min(MAX_SAMPLE_US, (out[i + 1]?.ts ?? s.ts) - s.ts)));
    return out;
  }
}

/** Self time (µs) per event name of `spans` nested in [start, end): each span minus its children. */
export function selfTimes(spans: readonly TraceEvent[], start: number, end: number): Map<string, number> {
  const out = new Map<string, number>();
  const stack: { name: string; end: number; self: number }[] = [];
  const pop = () => {
    const top = stack.pop();
    if (top) out.set(top.name, (out.get(top.name) ?? 0) + top.self);
  };
  for (const e of spans) {
    const dur = e.dur ?? 0;
    if (e.ts < start || e.ts + dur > end) continue;
    while (stack.length > 0 && (stack.at(-1)?.end ?? 0) <= e.ts) pop();
    const parent = stack.at(-1);
    if (parent) parent.self -= dur;
    stack.push({ name: e.name, end: e.ts + dur, self: dur });
  }
  while (stack.length > 0) pop();
  return out;
}

export type Kind = 'compile' | 'evaluate' | 'render' | 'gc' | 'parseHTML' | 'profiler' | 'other';

/** What DevTools would call a trace event's self time: compile, script, rendering, GC… */
export function kindOf(name: string): Kind {
  // The trace's own CPU profiler starting on the thread.
  if (name === 'CpuProfiler::StartProfiling' || name === 'V8.InvokeApiInterruptCallbacks') return 'profiler';
  if (/GC|Sweep|Scavenge|Mark(ing|Compact)|CppGC|BlinkGC/i.test(name)) return 'gc';
  if (name === 'ParseHTML') return 'parseHTML';
  if (/compile|Deserialize|produce(Module)?Cache|ParseProgram|ParseFunction|Preparse|CacheScript/i.test(name)) return 'compile';
  if (/^(UpdateLayoutTree|Layout|PrePaint|Paint|Layerize|Commit|UpdateLayer|PaintImage|HitTest|ParseAuthorStyleSheet|ScheduleStyleRecalculation|InvalidateLayout|IntersectionObserverController::computeIntersections|Decode Image)$/.test(name)) {
    return 'render';
  }
  if (/^(v8\.|V8\.|FunctionCall|EvaluateScript|RunMicrotasks|TimerFire|EventDispatch|HandlePostMessage|FireAnimationFrame|FireIdleCallback|XHR|v8\.run)/.test(name)) {
    return 'evaluate';
  }
  return 'other';
}
