import { describe, expect, it } from 'vitest';
import { withAlpha } from './theme-colours';

describe('withAlpha', () => {
  it('adds an alpha byte to #rrggbb colours', () => {
    expect(withAlpha('#3d5bd9', 0.2)).toBe('#3d5bd933');
    expect(withAlpha('#3d5bd9', 1)).toBe('#3d5bd9ff');
  });

  it('leaves other colour forms as they are', () => {
    expect(withAlpha('rgb(1 2 3)', 0.5)).toBe('rgb(1 2 3)');
  });
});
