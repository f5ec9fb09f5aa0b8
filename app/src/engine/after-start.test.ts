import { describe, expect, it } from 'vitest';
import { afterStart } from './after-start';

const never = new Promise<never>(() => {});

describe('afterStart', () => {
  it("gives the call's answer once the engine has started", async () => {
    await expect(afterStart(Promise.resolve(), Promise.resolve(42))).resolves.toBe(42);
  });

  it("gives the call's own error", async () => {
    await expect(afterStart(Promise.resolve(), Promise.reject(new Error('bad magnet')))).rejects.toThrow('bad magnet');
  });

  it('gives why the engine could not start when the call is never answered', async () => {
    const failed = Promise.reject(new Error('The torrent engine failed to start: SyntaxError.'));
    await expect(afterStart(failed, never)).rejects.toThrow('failed to start');
  });

  it('waits for a slow call after the start', async () => {
    const call = new Promise<string>((resolve) => setTimeout(() => resolve('added'), 20));
    await expect(afterStart(Promise.resolve(), call)).resolves.toBe('added');
  });
});
