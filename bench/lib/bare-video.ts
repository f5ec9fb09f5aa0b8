/**
 * What Chromium alone needs on this machine to show a video's first frame:
 * a bare page with one <video src> of the file, served with Range by a plain
 * static server (@fastify/static), opened in a fresh Chromium as the app's
 * runs are. No torrent, no app, no service worker: the floor under the
 * first-frame figure.
 */
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { newDiskContext } from './browser.ts';
import { installFirstFrameProbe, waitForMark } from './video.ts';

const FRAME_TIMEOUT_MS = 30_000;

export interface BareVideoServer {
  url: string;
  close(): Promise<void>;
}

/** Serves `file` at /media/<name> and a page playing it (muted autoplay, as the app's early video) at /. */
export async function serveBareVideo(file: string): Promise<BareVideoServer> {
  const app: FastifyInstance = Fastify({ logger: false });
  await app.register(fastifyStatic, { root: path.dirname(file), prefix: '/media/', acceptRanges: true });
  const src = `/media/${encodeURIComponent(path.basename(file))}`;
  app.get('/', (_request, reply) =>
    reply
      .type('text/html')
      .send(`<!doctype html><meta charset="utf-8"><title>bare video</title><body><video src="${src}" autoplay muted playsinline style="width:640px"></video>`),
  );
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, close: () => app.close() };
}

/** Navigation → the bare page's first frame on screen, ms, in a fresh Chromium with its profile on disk. */
export async function bareVideoFirstFrame(server: BareVideoServer): Promise<number> {
  const context = await newDiskContext();
  try {
    await installFirstFrameProbe(context);
    const page = await context.newPage();
    const startedAt = Date.now();
    await page.goto(server.url, { waitUntil: 'commit' });
    return (await waitForMark(page, 'frame', FRAME_TIMEOUT_MS)) - startedAt;
  } finally {
    await context.close();
  }
}
