import type { TorrentMeta } from '../app/shared/db';
import { piecesForBytes } from '../app/shared/pieces';
import { contentRange, parseRange, unsatisfiedRange } from '../app/shared/range';
import { getRecord } from '../app/shared/records';
import { parseStreamPath } from '../app/shared/stream-url';
import { markLatest, markOnce, traceMark } from '../app/shared/timing-marks';
import { getEngine, withTimeout } from './engine-link';
import { MetaCache } from './meta-cache';
import { loadPieces, PieceUnavailableError, releaseRequest, type LoadedPieces } from './piece-source';
import { pieceStream } from './piece-stream';
import { errorResponse } from './responses';
import { runEnd } from './stored-run';
import { takeWarmStart } from './warm-start';

const ENGINE_CONNECT_MS = 3000;
const NOT_IN_APP = 'This torrent is not in the app. Add it first.';
const METADATA_TIMEOUT_MS = 30_000;

type MetaLookup = TorrentMeta | 'unknown' | 'timeout';

const metaCache = new MetaCache();

/** Metadata kept from an earlier request, else from IndexedDB, or from the engine once it has it from peers. */
async function lookUpMeta(infoHash: string): Promise<MetaLookup> {
  const kept = metaCache.get(infoHash);
  if (kept) return kept;
  const stored = await getRecord(infoHash);
  if (stored?.meta) {
    metaCache.set(infoHash, stored.meta);
    return stored.meta;
  }
  const engine = await getEngine(ENGINE_CONNECT_MS);
  if (!engine) return stored ? 'timeout' : 'unknown';
  const outcome = await withTimeout(engine.ensureMetadata(infoHash), METADATA_TIMEOUT_MS);
  if (outcome !== 'ready') return outcome;
  const fetched = (await getRecord(infoHash))?.meta;
  if (!fetched) return 'unknown';
  metaCache.set(infoHash, fetched);
  return fetched;
}

/** Answers GET/HEAD /stream/<infoHash>/<fileIndex>[/<name>] from IndexedDB. */
export async function handleStream(request: Request, url: URL): Promise<Response> {
  markOnce('sw:stream-request');
  markLatest('sw:latest-request');
  const target = parseStreamPath(url.pathname);
  if (!target) {
    return errorResponse(400, 'Malformed stream URL. Expected /stream/<40-character info hash>/<file index>.');
  }
  const meta = await lookUpMeta(target.infoHash);
  if (meta === 'unknown') return errorResponse(404, NOT_IN_APP);
  if (meta === 'timeout') return errorResponse(504, 'The torrent’s metadata has not arrived from peers yet.');
  markOnce('sw:meta');
  const file = meta.files[target.fileIndex];
  if (!file) return errorResponse(404, `This torrent has no file number ${target.fileIndex}.`);

  const range = parseRange(request.headers.get('Range'), file.length);
  if (range.kind === 'unsatisfiable') {
    return errorResponse(416, 'The requested range is outside the file.', { 'Content-Range': unsatisfiedRange(file.length) });
  }
  const { start, end } = range.kind === 'partial' ? range.range : { start: 0, end: file.length - 1 };
  const headers = new Headers({
    'Content-Type': file.mimeType,
    'Content-Length': String(end - start + 1),
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-store',
  });
  if (range.kind === 'partial') headers.set('Content-Range', contentRange(range.range, file.length));
  const status = range.kind === 'partial' ? 206 : 200;
  if (request.method === 'HEAD' || file.length === 0) return new Response(null, { status, headers });
  const requestId = crypto.randomUUID();
  const { first, last } = piecesForBytes(meta, file.offset + start, file.offset + end);
  traceMark(`request ${start}-${end} pieces ${first}-${last}`);
  const runTo = runEnd(first, last, meta.pieceLength);
  let firstPieces: LoadedPieces;
  try {
    const startsFile = first === piecesForBytes(meta, file.offset, file.offset).first;
    const warm = startsFile ? await takeWarmStart(target, runTo - first + 1) : null;
    if (warm) traceMark(`warm ${first}+${warm.length}`);
    firstPieces = warm
      ? { pieces: warm, fresh: false }
      : await loadPieces({ infoHash: target.infoHash, index: first, runTo, lastIndex: last, requestId });
  } catch (err) {
    void releaseRequest(requestId);
    if (!(err instanceof PieceUnavailableError)) throw err;
    // The metadata may have been kept from before the torrent was removed.
    if (!(await getRecord(target.infoHash))) {
      metaCache.forget(target.infoHash);
      return errorResponse(404, NOT_IN_APP);
    }
    return errorResponse(503, err.message, { 'Retry-After': '5' });
  }
  markOnce('sw:first-piece');
  markLatest('sw:latest-response');
  traceMark(`respond ${first}`);
  const body = pieceStream(target.infoHash, meta, file.offset + start, file.offset + end, { requestId, firstPieces });
  return new Response(body, { status, headers });
}
