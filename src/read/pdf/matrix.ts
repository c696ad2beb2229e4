/**
 * PDF transforms [a b c d e f] as the page readers keep them: always a Float64Array. pdf.js hands
 * matrices over as arrays of small integers, arrays of doubles and Float32Arrays; code that meets
 * all three sees three shapes, and V8 throws its optimized code away and compiles it again at
 * each new one (a cold worker compiled the text reader 11 times). One shape, compiled once.
 */
export type Matrix = Float64Array;

export function matrix(a: number, b: number, c: number, d: number, e: number, f: number): Matrix {
  const m = new Float64Array(6);
  m[0] = a;
  m[1] = b;
  m[2] = c;
  m[3] = d;
  m[4] = e;
  m[5] = f;
  return m;
}

/** Whether an operator argument is a matrix given as one array (pdf.js 5) rather than spread. */
export function isMatrixArg(a: unknown): a is ArrayLike<number> {
  return Array.isArray(a) || ArrayBuffer.isView(a);
}

/** The first six numbers of any array-like (a pdf.js operator's matrix argument). */
export function toMatrix(src: ArrayLike<number>): Matrix {
  return matrix(src[0], src[1], src[2], src[3], src[4], src[5]);
}

export const IDENTITY: Matrix = matrix(1, 0, 0, 1, 0, 0);

/** m1 × m2, term for term as pdf.js's `Util.transform` computes it (the same doubles out). */
export function multiply(m1: Matrix, m2: Matrix): Matrix {
  return matrix(
    m1[0] * m2[0] + m1[2] * m2[1],
    m1[1] * m2[0] + m1[3] * m2[1],
    m1[0] * m2[2] + m1[2] * m2[3],
    m1[1] * m2[2] + m1[3] * m2[3],
    m1[0] * m2[4] + m1[2] * m2[5] + m1[4],
    m1[1] * m2[4] + m1[3] * m2[5] + m1[5],
  );
}
