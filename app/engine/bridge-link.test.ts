import { describe, expect, it } from 'vitest';
import { BridgeLink } from './bridge-link';

const noHost = { torrentOf: () => undefined, launch: () => {}, stop: () => Promise.resolve() };

describe('BridgeLink.configure', () => {
  it('says when the bridge changed, so the engine switches torrents over only then', () => {
    const link = new BridgeLink(noHost);
    expect(link.configure(null, [])).toBe(false);
    expect(link.configure('https://bridge.example', [])).toBe(true);
    expect(link.configure('https://bridge.example', ['http://t.example/announce'])).toBe(false);
    expect(link.configure('https://other.example', [])).toBe(true);
    expect(link.configure(null, [])).toBe(true);
  });

  it('launches a magnet at once when there is no bridge', async () => {
    const launched: (string | Uint8Array)[] = [];
    const link = new BridgeLink({ ...noHost, launch: (_record, id) => launched.push(id) });
    const magnetURI = `magnet:?xt=urn:btih:${'a'.repeat(40)}&tr=http%3A%2F%2Ft.example%2Fannounce`;
    await link.launchNew({ infoHash: 'a'.repeat(40), magnetURI, displayName: 'x', addedAt: 0, meta: null }, magnetURI);
    expect(launched).toEqual([magnetURI]);
  });
});
