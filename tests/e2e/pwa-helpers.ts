/**
 * Steps shared by the install/share specs (pwa, share, a11y, screenshots):
 * torrents that need no peer, and seeding a file from the home view.
 */
import { createHash, randomBytes } from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import bencode from 'bencode';
import { waitForServiceWorkerControl } from './helpers.ts';

/** A random info hash: a torrent no peer has, so it stays at "fetching metadata". */
export function randomInfoHash(): string {
  return randomBytes(20).toString('hex');
}

export interface TorrentFile {
  bytes: Buffer;
  infoHash: string;
  name: string;
}

/** A real single-file .torrent of `content` (one piece per 16 KiB), bencoded here. */
export function makeTorrentFile(name: string, content: Buffer): TorrentFile {
  const pieceLength = 16_384;
  const hashes: Buffer[] = [];
  for (let at = 0; at < content.length; at += pieceLength) {
    hashes.push(createHash('sha1').update(content.subarray(at, at + pieceLength)).digest());
  }
  const info = { length: content.length, name, 'piece length': pieceLength, pieces: Buffer.concat(hashes) };
  const infoHash = createHash('sha1').update(bencode.encode(info)).digest('hex');
  return { bytes: Buffer.from(bencode.encode({ info })), infoHash, name };
}

/**
 * Seeds files from the home view's "Share your own files" picker; resolves
 * the info hash once the app shows the new torrent's page. `controlled`
 * first waits for the service worker, which /stream/ URLs need.
 */
export async function seedFromHome(
  page: Page,
  files: string | string[] | { name: string; mimeType: string; buffer: Buffer },
  { controlled = false }: { controlled?: boolean } = {},
): Promise<string> {
  await page.goto('/');
  if (controlled) await waitForServiceWorkerControl(page);
  await page.getByTestId('seed-input').setInputFiles(files);
  const torrentPage = page.getByTestId('torrent-page');
  await expect(torrentPage, 'seeding should open the new torrent').toBeVisible({ timeout: 60_000 });
  const infoHash = await torrentPage.getAttribute('data-infohash');
  if (!infoHash) throw new Error('the torrent page has no data-infohash');
  return infoHash;
}
