import { bridge } from './bridge.ts';
import { firstFrame } from './first-frame.ts';
import { memory } from './memory.ts';
import { offline } from './offline.ts';
import { pageLoad } from './page-load.ts';
import type { Scenario } from './scenario.ts';
import { tracker } from './tracker.ts';
import { webrtc } from './webrtc.ts';

/** In the order `npm run bench` runs them. */
export const SCENARIOS: readonly Scenario[] = [webrtc, firstFrame, pageLoad, tracker, offline, bridge, memory];
