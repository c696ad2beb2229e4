import { describe, expect, it } from 'vitest';
import { toBase64 } from './base64.js';
import './pdfjs.js';

describe('toBase64 on Node’s encoder', () => {
  // what pdf.js brings: core-js's (Node 20) or the engine's own (newer Node)
  const reference = (Uint8Array.prototype as unknown as { toBase64: typeof toBase64 }).toBase64;

  it('writes what the implementation pdf.js brings writes, for every alphabet and padding', () => {
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 97 + 13) & 255);
    const options = [undefined, {}, { alphabet: 'base64url' as const }, { omitPadding: true }, { alphabet: 'base64url' as const, omitPadding: true }, { alphabet: 'base64' as const, omitPadding: false }];
    for (let length = 0; length <= 70; length++) {
      for (const offset of [0, 1, 2]) {
        const view = bytes.subarray(offset, offset + length);
        for (const o of options) expect(toBase64.call(view, o)).toBe(reference.call(view, o));
      }
    }
    expect(toBase64.call(new Uint8Array([251, 255, 191]), { alphabet: 'base64url' })).toBe('-_-_');
  });

  it('refuses what the specification refuses', () => {
    expect(() => toBase64.call(new Uint8Array(3), { alphabet: 'hex' as 'base64' })).toThrow(TypeError);
    expect(() => toBase64.call([1, 2, 3] as unknown as Uint8Array)).toThrow(TypeError);
    expect(() => reference.call(new Uint8Array(3), { alphabet: 'hex' as 'base64' })).toThrow(TypeError);
  });
});
