import { EARLY_ENGINE_GLOBAL, type EarlyEngine } from '../../shared/early-start';

/** The worker index.html started, if it did; taken once, so a second call starts afresh. */
export function takeEarlyEngine(): EarlyEngine | undefined {
  const holder = globalThis as unknown as Record<string, EarlyEngine | undefined>;
  const early = holder[EARLY_ENGINE_GLOBAL];
  delete holder[EARLY_ENGINE_GLOBAL];
  return early;
}
