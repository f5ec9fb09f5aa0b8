/**
 * HTTP announces: bittorrent-tracker answers a `compact` other than 0 or 1
 * with full internal peer objects (and bencode prints a stack trace), so
 * refuse it like any other bad parameter. Returns a failure reason or null.
 */
export function checkHttpAnnounce(url: string | undefined): string | null {
  const query = new URLSearchParams((url ?? '').split('?')[1] ?? '');
  const compact = query.get('compact');
  if (compact !== null && compact !== '0' && compact !== '1') return 'invalid compact: must be 0 or 1';
  return null;
}

/** A bencoded tracker failure, the reply BitTorrent clients understand. */
export function bencodedFailure(reason: string): Buffer {
  const bytes = Buffer.from(reason);
  return Buffer.concat([Buffer.from(`d14:failure reason${bytes.length}:`), bytes, Buffer.from('e')]);
}

/**
 * WebSocket messages: bittorrent-tracker dereferences every offer and the
 * answer inside async callbacks without checking them, where a throw kills
 * the process. Returns a failure reason for such messages, or null when the
 * message may go on to the tracker. Everything else (bad JSON, bad info_hash,
 * unknown action) the tracker already answers itself.
 */
export function checkWebSocketMessage(data: unknown): string | null {
  let message: unknown;
  try {
    message = JSON.parse(textOf(data));
  } catch {
    return null; // the tracker replies with its own parse error
  }
  if (!isRecord(message)) return 'a tracker message must be a JSON object';
  if (message.offers !== undefined) {
    if (!Array.isArray(message.offers)) return 'invalid `offers`: must be an array';
    for (const offer of message.offers as unknown[]) {
      if (!isRecord(offer) || !isRecord(offer.offer) || typeof offer.offer_id !== 'string') {
        return 'invalid `offers`: each needs an `offer` object and an `offer_id` string';
      }
    }
  }
  if (message.answer !== undefined && !isRecord(message.answer)) return 'invalid `answer`: must be an object';
  return null;
}

function textOf(data: unknown): string {
  if (typeof data === 'string') return data;
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data.filter((d) => Buffer.isBuffer(d))).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
