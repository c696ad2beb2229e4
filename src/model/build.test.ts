import { describe, expect, it } from 'vitest';
import { buildFingerprint } from './build.js';

describe('buildFingerprint', () => {
  it('is 16 hex digits and the same within a process', () => {
    const f = buildFingerprint();
    expect(f).toMatch(/^[0-9a-f]{16}$/);
    expect(buildFingerprint()).toBe(f);
  });
});
