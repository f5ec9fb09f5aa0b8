import { createHash } from 'node:crypto';
import bencode from 'bencode';

/** Room for the published metadata, in bytes: thousands of typical .torrents. */
export const METADATA_CACHE_BYTES = 32 * 1024 * 1024;

/**
 * Metadata browsers published (PUT /api/torrents/<ih>/torrent) for swarms
 * the bridge does not join, such as a torrent a browser just created: a
 * link's first visitor gets it over one HTTP round trip instead of from a
 * WebRTC peer once connected. Only the info dictionary is kept, which the
 * info hash vouches for; trackers and web seeds come from the reader's own
 * link. In memory, least recently used out first.
 */
export class MetadataCache {
  readonly #maxBytes: number;
  readonly #files = new Map<string, Uint8Array>();
  #bytes = 0;

  constructor(maxBytes = METADATA_CACHE_BYTES) {
    this.#maxBytes = maxBytes;
  }

  /** The .torrent ({info} only) of an info hash, if published. */
  get(infoHash: string): Uint8Array | undefined {
    const file = this.#files.get(infoHash);
    if (file) {
      // Most recently used last.
      this.#files.delete(infoHash);
      this.#files.set(infoHash, file);
    }
    return file;
  }

  /** Keeps the info dictionary of a .torrent already checked to be `infoHash`'s. */
  put(infoHash: string, torrentFile: Uint8Array): void {
    const { info } = bencode.decode(torrentFile) as { info: unknown };
    const infoBytes = bencode.encode(info);
    // Re-encoded, a dictionary whose keys were out of order would hash differently.
    if (createHash('sha1').update(infoBytes).digest('hex') !== infoHash) return;
    const file = new Uint8Array(bencode.encode({ info }));
    if (file.byteLength > this.#maxBytes) return;
    this.#drop(infoHash);
    this.#files.set(infoHash, file);
    this.#bytes += file.byteLength;
    for (const oldest of this.#files.keys()) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#drop(oldest);
    }
  }

  get size(): number {
    return this.#files.size;
  }

  #drop(infoHash: string): void {
    const file = this.#files.get(infoHash);
    if (!file) return;
    this.#files.delete(infoHash);
    this.#bytes -= file.byteLength;
  }
}
