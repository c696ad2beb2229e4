import { describe, expect, it } from 'vitest';
import { IDENTITY, matrix, multiply, toMatrix } from './matrix.js';
import { Util } from './pdfjs.js';

// small integers, halves, doubles, negatives, a negative zero: the kinds pdf.js hands over
const samples: number[][] = [
  [1, 0, 0, 1, 0, 0],
  [0, 1, -1, 0, 595, 0],
  [12, 0, 0, 12, 72.5, 700.25],
  [0.75, -0, 0.1, 1.3333333333333333, -36.04, 1e-7],
  [1.0000001192092896, 0.30000001192092896, -0.5, 2, 1000.123, -842],
];

describe('multiply', () => {
  it('gives the very doubles pdf.js Util.transform gives, for every pair', () => {
    for (const a of samples) {
      for (const b of samples) {
        const ours = Array.from(multiply(toMatrix(a), toMatrix(b)));
        const theirs = Util.transform(a, b) as number[];
        ours.forEach((v, k) => expect(Object.is(v, theirs[k]), `${a} × ${b} [${k}]: ${v} vs ${theirs[k]}`).toBe(true));
      }
    }
  });

  it('leaves a matrix as it is when multiplied by the identity', () => {
    const m = matrix(2, 0.5, -1, 3, 10, 20);
    expect(Array.from(multiply(IDENTITY, m))).toEqual(Array.from(m));
    expect(Array.from(multiply(m, IDENTITY))).toEqual(Array.from(m));
  });
});

describe('toMatrix', () => {
  it('reads the first six numbers of an array, a Float32Array or a longer list', () => {
    const f32 = new Float32Array([0.1, 0, 0, 0.1, 3.3, 4.4]);
    expect(Array.from(toMatrix(f32))).toEqual(Array.from(f32));
    expect(Array.from(toMatrix([1, 2, 3, 4, 5, 6, 7]))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(toMatrix([1, 2, 3, 4, 5, 6])).toBeInstanceOf(Float64Array);
  });
});
