import { transfer } from 'comlink';
import type { MetadataOutcome, SwEngineApi } from '../shared/sw-contract';
import type { StreamRequests } from './stream-requests';

/**
 * What the engine offers the service worker. The page connects the service
 * worker while the engine is still starting, so every call waits for
 * `started` (the stored torrents are back), or they would look unknown.
 */
export function serviceWorkerApi(
  started: Promise<void>,
  ensureMetadata: (infoHash: string) => Promise<MetadataOutcome>,
  streams: StreamRequests,
): SwEngineApi {
  return {
    ensureMetadata: async (infoHash) => {
      await started;
      return ensureMetadata(infoHash);
    },
    waitForPiece: async (requestId, infoHash, index, lastIndex) => {
      await started;
      const outcome = await streams.waitForPiece(requestId, infoHash, index, lastIndex);
      // The pieces are copies made for this answer: moved, not copied again.
      return typeof outcome === 'object' ? transfer(outcome, outcome.pieces) : outcome;
    },
    release: (requestId) => streams.release(requestId),
  };
}
