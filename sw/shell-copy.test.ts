import { describe, expect, it, vi } from 'vitest';
import type { RouteHandlerCallbackOptions } from 'workbox-core';
import { keptInMemory } from './shell-copy';

const page = () => new Response('<!doctype html>app', { headers: { 'Content-Type': 'text/html' } });
const navigation = { request: new Request('http://127.0.0.1/t/abc'), event: {} } as unknown as RouteHandlerCallbackOptions;

describe('keptInMemory', () => {
  it('answers from the cached page read at start, without the handler', async () => {
    const handler = vi.fn(() => Promise.resolve(page()));
    const answer = keptInMemory(handler, () => Promise.resolve(page()));
    for (let i = 0; i < 2; i++) {
      const response = await answer(navigation);
      expect(await response.text()).toBe('<!doctype html>app');
      expect(response.headers.get('Content-Type')).toBe('text/html');
    }
    expect(handler).not.toHaveBeenCalled();
  });

  it('keeps the handler’s first answer when nothing was cached yet', async () => {
    const handler = vi.fn(() => Promise.resolve(page()));
    const answer = keptInMemory(handler, () => Promise.resolve(undefined));
    expect(await (await answer(navigation)).text()).toBe('<!doctype html>app');
    expect(await (await answer(navigation)).text()).toBe('<!doctype html>app');
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('keeps no failed answer, nor a failed cache read', async () => {
    const handler = vi.fn(() => Promise.resolve(new Response('offline', { status: 503 })));
    const answer = keptInMemory(handler, () => Promise.reject(new Error('no cache')));
    expect((await answer(navigation)).status).toBe(503);
    expect((await answer(navigation)).status).toBe(503);
    expect(handler).toHaveBeenCalledTimes(2);
  });
});
