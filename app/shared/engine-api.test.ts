import { describe, expect, it } from 'vitest';
import { ENGINE_PORT_MESSAGE, isEnginePortMessage } from './engine-api';

describe('isEnginePortMessage', () => {
  it("takes the engine's port message and nothing else", () => {
    const { port1, port2 } = new MessageChannel();
    expect(isEnginePortMessage({ type: ENGINE_PORT_MESSAGE, port: port1 })).toBe(true);
    expect(isEnginePortMessage({ type: ENGINE_PORT_MESSAGE })).toBe(false);
    expect(isEnginePortMessage({ type: ENGINE_PORT_MESSAGE, port: 'port' })).toBe(false);
    expect(isEnginePortMessage({ type: 'pool-ready', port: port1 })).toBe(false);
    expect(isEnginePortMessage(null)).toBe(false);
    expect(isEnginePortMessage('engine-port')).toBe(false);
    port1.close();
    port2.close();
  });
});
