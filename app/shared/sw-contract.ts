/**
 * The service worker's two channels.
 * - SwEngineApi: the SW calls the engine worker over a MessagePort (Comlink).
 * - SwToPage / PageToSw: plain control messages between the SW and its pages,
 *   used only to hand the SW a fresh port to the engine.
 */

export type MetadataOutcome = 'ready' | 'unknown';
/**
 * Verified pieces from the one asked for on, handed over while still being
 * written to IndexedDB (which can take the best part of a second during a
 * download): the service worker needs no read for them.
 */
export interface PieceBytes {
  pieces: ArrayBuffer[];
}
export type PieceOutcome = 'stored' | 'unknown' | PieceBytes;

export interface SwEngineApi {
  /**
   * Resolves 'ready' once the torrent's metadata is in IndexedDB (adding the
   * torrent from its stored record if it is not running), 'unknown' if the
   * engine has never seen it.
   */
  ensureMetadata(infoHash: string): Promise<MetadataOutcome>;
  /**
   * Resolves once piece `index` is verified: 'stored' once it is in
   * IndexedDB, or sooner with its bytes (and those of the pieces after it
   * that are verified too) while they are being written. Pieces
   * `index..lastIndex` are what the request still needs: the engine makes
   * the first ones critical. The priority stays until `release`.
   */
  waitForPiece(requestId: string, infoHash: string, index: number, lastIndex: number): Promise<PieceOutcome>;
  /** The request ended or was cancelled: drop its priority. */
  release(requestId: string): void;
}

export type SwToPage = { type: 'engine-port-request' };
export type PageToSw = { type: 'engine-port'; port: MessagePort };
/** An active SW that does not control the page yet (it navigated mid-install) is asked to. */
export type ClaimRequest = { type: 'claim' };

export function isClaimRequest(data: unknown): data is ClaimRequest {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'claim';
}

export function isSwToPage(data: unknown): data is SwToPage {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'engine-port-request';
}

export function isPageToSw(data: unknown): data is PageToSw {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { type?: unknown }).type === 'engine-port' &&
    (data as { port?: unknown }).port instanceof MessagePort
  );
}
