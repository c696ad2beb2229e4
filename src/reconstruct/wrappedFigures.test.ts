import { describe, expect, it } from 'vitest';
import type { PdfPage } from '../model/content.js';
import { textItem } from '../model/textItem.js';
import { buildGrid } from './ruledGrid.js';
import { continues, joinWrappedFigures } from './wrappedFigures.js';

describe('continues', () => {
  it('joins a figure cut in its decimals to the digits under it, into one whole amount', () => {
    expect(continues('12,868.1', '9')).toBe(true);
    expect(continues('226,000.', '00')).toBe(true);
    expect(continues('12,868', '.19')).toBe(true);
    expect(continues('1839311.6', '6')).toBe(true);
  });

  it('leaves whole figures, counts and broken grouping alone', () => {
    expect(continues('12,868.19', '9')).toBe(false); // the figure is whole: 9 is a row of its own
    expect(continues('12', '9')).toBe(false); // counts of people
    expect(continues('1,23.4', '5')).toBe(false); // not grouped by three
    expect(continues('12,868.1', '9,000')).toBe(false); // a figure, not a tail
  });
});

/** A table without rules: label and two figure columns, 25 pt a row; `extra` items added. */
function page(extra: ReturnType<typeof textItem>[], skip: number): PdfPage {
  const items = [
    textItem('科目', 60, 80, 80, 90, 10),
    textItem('合计', 160, 180, 80, 90, 10),
    textItem('项目支出', 220, 260, 80, 90, 10),
  ];
  [100, 125, 150, 175, 200].forEach((y, i) => {
    items.push(textItem(`支出项目${i}`, 60, 100, y, y + 10, 10), textItem(`${i},000.50`, 150, 190, y, y + 10, 10));
    if (i !== skip) items.push(textItem(`${i},000.50`, 220, 260, y, y + 10, 10));
  });
  return {
    number: 1,
    width: 300,
    height: 400,
    items: [...items, ...extra],
    horizontals: [],
    verticals: [],
    imageCount: 0,
  };
}
const texts = (p: PdfPage) =>
  buildGrid({ page: p, top: 75, bottom: 215 })!.rows.map((r) => r.map((c) => c?.text ?? ''));

describe('joinWrappedFigures', () => {
  it('reads a figure wrapped in its cell of a table without rules as one figure of its row', () => {
    // row 2's 12,868.19 set as 12,868.1 (level with the row) over a right-aligned 9
    const wrapped = page([textItem('12,868.1', 220, 260, 150, 160, 10), textItem('9', 255, 260, 162, 172, 10)], 2);
    expect(texts(wrapped)[3]).toEqual(['支出项目2', '2,000.50', '12,868.19']);
    expect(texts(wrapped)).toHaveLength(6);
    // set one glyph per item, the same
    const glyphs = [...'12,868.1'].map((ch, k) => textItem(ch, 220 + k * 5, 225 + k * 5, 150, 160, 10));
    expect(texts(page([...glyphs, textItem('9', 255, 260, 162, 172, 10)], 2))[3]).toEqual([
      '支出项目2',
      '2,000.50',
      '12,868.19',
    ]);
  });

  it('does not join a figure to one under it that is not its tail, or across a rule', () => {
    const items = [textItem('4.5', 220, 235, 100, 110, 10), textItem('9', 230, 235, 112, 122, 10)];
    // a rule between them: two rows
    expect(joinWrappedFigures(items, [{ x0: 50, x1: 300, y0: 111, y1: 111 }])).toEqual(items);
    // not right-aligned
    const left = [textItem('4.5', 220, 235, 100, 110, 10), textItem('9', 220, 225, 112, 122, 10)];
    expect(joinWrappedFigures(left, [])).toEqual(left);
    // a line of paper and more between them: the next row
    const far = [textItem('4.5', 220, 235, 100, 110, 10), textItem('9', 230, 235, 120, 130, 10)];
    expect(joinWrappedFigures(far, [])).toEqual(far);
    expect(joinWrappedFigures(items, []).map((i) => i.str)).toEqual(['4.59']);
  });
});
