import { describe, expect, it } from 'vitest';
import { uniqueNames } from './names.js';

describe('uniqueNames', () => {
  it('keeps names relative to their root when they are distinct', () => {
    expect(
      uniqueNames([
        { file: '/d/a/2025/x.pdf', rel: '2025/x.pdf' },
        { file: '/d/a/2025/y.pdf', rel: '2025/y.pdf' },
      ]),
    ).toEqual(['2025/x.pdf', '2025/y.pdf']);
  });

  it('widens clashing names with their own parent folders until they differ', () => {
    const names = uniqueNames([
      { file: '/data/countyA/2025/部门预算.pdf', rel: '2025/部门预算.pdf' },
      { file: '/data/countyB/2025/部门预算.pdf', rel: '2025/部门预算.pdf' },
      { file: '/data/countyB/2025/other.pdf', rel: '2025/other.pdf' },
    ]);
    expect(names).toEqual(['countyA/2025/部门预算.pdf', 'countyB/2025/部门预算.pdf', '2025/other.pdf']);
  });

  it('widens as far as needed', () => {
    const a = uniqueNames([
      { file: '/x/p/q/r.pdf', rel: 'r.pdf' },
      { file: '/y/p/q/r.pdf', rel: 'q/r.pdf' },
      { file: '/y/p/z/r.pdf', rel: 'r.pdf' },
    ]);
    expect(a).toEqual(['x/p/q/r.pdf', 'y/p/q/r.pdf', 'z/r.pdf']);
  });

  it('names one file given twice the same', () => {
    expect(
      uniqueNames([
        { file: '/d/a.pdf', rel: 'a.pdf' },
        { file: '/d/a.pdf', rel: 'a.pdf' },
      ]),
    ).toEqual(['a.pdf', 'a.pdf']);
  });
});
