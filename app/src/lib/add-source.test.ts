import { describe, expect, it } from 'vitest';
import { addSourceOf } from './add-source';

const at = (path: string) => new URL(path, 'https://example.test');
const HASH = '0123456789abcdef0123456789abcdef01234567';
const MAGNET = `magnet:?xt=urn:btih:${HASH}&dn=A%20film`;

describe('addSourceOf', () => {
  it('passes on the uri of a protocol handler or shared link', () => {
    expect(addSourceOf(at(`/add?uri=${encodeURIComponent(MAGNET)}`))).toEqual({ kind: 'link', link: MAGNET });
    expect(addSourceOf(at('/add?uri='))).toEqual({ kind: 'link', link: '' });
    expect(addSourceOf(at('/add'))).toEqual({ kind: 'link', link: '' });
  });

  it('picks a magnet link out of shared text', () => {
    const query = new URLSearchParams({ title: 'A film', text: `Look: ${MAGNET}` });
    expect(addSourceOf(at(`/add?${query.toString()}`))).toEqual({ kind: 'link', link: MAGNET });
    expect(addSourceOf(at(`/add?url=${encodeURIComponent(MAGNET)}`))).toEqual({ kind: 'link', link: MAGNET });
  });

  it('says so when shared text has no magnet link', () => {
    const source = addSourceOf(at('/add?title=Hello&text=just%20words'));
    expect(source.kind).toBe('nothing');
  });

  it('finds shared and launched files', () => {
    expect(addSourceOf(at('/add?shared=abc-123'))).toEqual({ kind: 'shared-files', id: 'abc-123' });
    expect(addSourceOf(at('/add?launch=files'))).toEqual({ kind: 'launched-files' });
    expect(addSourceOf(at('/add?share-error=unreadable')).kind).toBe('nothing');
  });
});
