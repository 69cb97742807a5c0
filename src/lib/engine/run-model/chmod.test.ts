import { describe, expect, it } from 'vitest';
import { chmodMode } from './chmod';

describe('chmod modes', () => {
  it('applies octal and symbolic chmod modes', () => {
    expect(chmodMode(0o644, '+x', false)).toBe(0o755);
    expect(chmodMode(0o600, 'a+rX', false)).toBe(0o644);
    expect(chmodMode(0o700, 'a+rX', true)).toBe(0o755);
    expect(chmodMode(0o644, '600', false)).toBe(0o600);
  });
});
