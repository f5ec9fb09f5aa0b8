import { describe, expect, it } from 'vitest';
import { errorMessage } from './errors';

describe('errorMessage', () => {
  it('shows error messages as they are', () => {
    expect(errorMessage(new Error('That is not a valid magnet link.'))).toBe('That is not a valid magnet link.');
    expect(errorMessage('Tracker unreachable')).toBe('Tracker unreachable');
  });

  it('falls back to a plain sentence', () => {
    expect(errorMessage(undefined)).toBe('Something went wrong. Please try again.');
    expect(errorMessage(new Error(''))).toBe('Something went wrong. Please try again.');
  });
});
