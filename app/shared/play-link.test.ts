import { describe, expect, it } from 'vitest';
import { torrentPath } from '../src/lib/routes';
import { parsePlayLink } from './play-link';

const IH = 'AB'.repeat(20);
const at = (path: string) => new URL(path, 'https://app.example');

describe('parsePlayLink', () => {
  it('reads the info hash (lower case) and file index of a link the app builds', () => {
    expect(parsePlayLink(at(torrentPath(IH, 3)))).toEqual({ infoHash: IH.toLowerCase(), fileIndex: 3 });
    expect(parsePlayLink(at(`/t/${IH}/?play=0`))).toEqual({ infoHash: IH.toLowerCase(), fileIndex: 0 });
  });

  it('ignores pages that open no particular file', () => {
    expect(parsePlayLink(at(torrentPath(IH)))).toBeNull();
    expect(parsePlayLink(at(torrentPath(IH, 'main')))).toBeNull();
    expect(parsePlayLink(at(`/t/${IH}?play=`))).toBeNull();
    expect(parsePlayLink(at(`/t/${IH}?play=-1`))).toBeNull();
    expect(parsePlayLink(at(`/t/${IH}?play=1234567`))).toBeNull();
  });

  it('ignores other paths and partial info hashes', () => {
    expect(parsePlayLink(at(`/t/${IH.slice(1)}?play=0`))).toBeNull();
    expect(parsePlayLink(at(`/stream/${IH}/0?play=0`))).toBeNull();
    expect(parsePlayLink(at(`/t/${IH}/extra?play=0`))).toBeNull();
  });
});
