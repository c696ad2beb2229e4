import { describe, expect, it } from 'vitest';
import { textItem } from '../../model/textItem.js';
import { collapseOverprint } from './overprint.js';

describe('collapseOverprint', () => {
  it('keeps one copy of a run printed twice, a fraction of a point apart (bold) or in place (fill, stroke)', () => {
    const items = [
      textItem('收入决算表', 383.4, 458.4, 58.8, 73.8, 15),
      textItem('收入决算表', 383.8, 458.8, 58.8, 73.8, 15),
      textItem('项目', 146.7, 162.7, 117.6, 125.6, 8),
      textItem('项目', 146.7, 162.7, 117.6, 125.6, 8),
    ];
    expect(collapseOverprint(items).map((i) => [i.str, i.x0])).toEqual([
      ['收入决算表', 383.4],
      ['项目', 146.7],
    ]);
  });
  it('keeps the same text printed in two places (two cells, two rows)', () => {
    const items = [
      textItem('0.00', 100, 119, 100, 108, 8),
      textItem('0.00', 140, 159, 100, 108, 8),
      textItem('0.00', 100, 119, 116, 124, 8),
    ];
    expect(collapseOverprint(items)).toHaveLength(3);
  });
  it('undoubles a run with every glyph drawn twice in place (收收入入), not real repeats', () => {
    const doubled = collapseOverprint([textItem('收收入入决决算算表表', 383.4, 458.4, 58.8, 73.8, 15)]);
    expect(doubled.map((i) => i.str)).toEqual(['收入决算表']);
    // as wide as it reads: really printed twice each
    expect(collapseOverprint([textItem('11223344', 10, 42, 0, 8, 8)]).map((i) => i.str)).toEqual(['11223344']);
  });
});
