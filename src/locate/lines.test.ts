import { describe, expect, it } from 'vitest';
import { textItem } from '../model/textItem.js';
import { buildLines } from './lines.js';

describe('buildLines', () => {
  it('puts a flat mark inside a line’s band (二、 fitted to its lower stroke) in that line, in x order', () => {
    const lines = buildLines([
      textItem('项目支出', 588, 616, 170.6, 178.9, 8.3),
      textItem('12,081.46', 726, 765, 171.7, 178.9, 7.2),
      textItem('二、', 573, 578, 176.0, 178.2, 2.2),
      textItem('三、单位预留机动经费', 572, 656, 189.4, 197.6, 8.2),
    ]);
    expect(lines.map((l) => l.items.map((i) => i.str))).toEqual([
      ['二、', '项目支出', '12,081.46'],
      ['三、单位预留机动经费'],
    ]);
  });
  it('keeps lines whose centres stand apart as two, whatever their heights', () => {
    const lines = buildLines([textItem('合计', 60, 80, 100, 110, 10), textItem('小计', 60, 80, 112, 122, 10)]);
    expect(lines.length).toBe(2);
  });
});
