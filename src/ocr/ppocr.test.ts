import { describe, expect, it } from 'vitest';
import { splitRuns, type Glyph } from './ppocr.js';

/** glyphs of one detected box: characters 20 px wide, `gaps` px blank before each */
function glyphs(text: string, gaps: number[] = []): Glyph[] {
  let x = 0;
  return [...text].map((ch, i) => {
    x += gaps[i] ?? 0;
    const g = { ch, p: 0.99, x0: x, x1: x + 20 };
    x += 20;
    return g;
  });
}

describe('splitRuns', () => {
  const box = { y0: 0, y1: 30 };
  it('keeps a name and a figure in one cell as they are', () => {
    expect(splitRuns(glyphs('一般公共服务支出'), box, [], 30).map((r) => r.text)).toEqual(['一般公共服务支出']);
  });
  it('splits two cells the detector joined, at a wide blank or a ruling line', () => {
    expect(splitRuns(glyphs('合计876.94', [0, 0, 60]), box, [], 30).map((r) => r.text)).toEqual(['合计', '876.94']);
    expect(splitRuns(glyphs('31694.38', [0, 0, 5]), box, [42], 30).map((r) => r.text)).toEqual(['31', '694.38']);
  });
  it('keeps a spaced heading whole', () => {
    expect(splitRuns(glyphs('项目名称', [0, 45, 45, 45]), box, [], 30).map((r) => r.text)).toEqual(['项目名称']);
  });
  it('drops the blank a spaced font leaves after a separator, and bars read from rules', () => {
    expect(splitRuns(glyphs('3, 806.26'), box, [], 30).map((r) => r.text)).toEqual(['3,806.26']);
    expect(splitRuns(glyphs('|30225专用燃料费'), box, [], 30).map((r) => r.text)).toEqual(['30225专用燃料费']);
  });
  it('gives the lowest character probability as the confidence', () => {
    const g = glyphs('12.50');
    g[3].p = 0.42;
    expect(splitRuns(g, box, [], 30)[0].confidence).toBe(42);
  });
});
