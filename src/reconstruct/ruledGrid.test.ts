import { describe, expect, it } from 'vitest';
import type { PdfPage, Segment } from '../model/content.js';
import { textItem } from '../model/textItem.js';
import { buildGrid, splitAcrossRules } from './ruledGrid.js';

/** One item drawn from x0 to x1, a vertical rule at `at`: what the rule makes of it. */
const split = (str: string, x0: number, x1: number, at: number) =>
  splitAcrossRules([textItem(str, x0, x1, 0, 10, 10)], [{ x0: at, x1: at, y0: -5, y1: 20 }]).map((it) => ({
    str: it.str,
    left: it.x1 <= at,
  }));

describe('splitAcrossRules', () => {
  it('cuts two cells printed as one item at the space by the rule', () => {
    expect(split('4571.73 一般公共服务支出', 0, 200, 60)).toEqual([
      { str: '4571.73', left: true },
      { str: '一般公共服务支出', left: false },
    ]);
  });

  it('cuts a label that runs into its figure’s cell where the figure begins, not at the rule', () => {
    // 15 CJK characters (10 pt each) then a figure of 10 half-width characters: the rule stands at 支|出
    expect(split('1、人员经费和公用经费支出1839311.66', 0, 195, 130)).toEqual([
      { str: '1、人员经费和公用经费支出', left: true },
      { str: '1839311.66', left: false },
    ]);
  });

  it('leaves a word that overflows its narrow cell whole, in the cell that holds most of it', () => {
    expect(split('序号', 0, 20, 10)).toEqual([{ str: '序号', left: true }]);
    // a heading wider than its cell, over both of its rules: it stays in its own cell, the middle one
    const both = splitAcrossRules(
      [textItem('政府预算支出经济科目（按大类）', 627.5, 762.5, 0, 10, 9)],
      [633.2, 755.5].map((x) => ({ x0: x, x1: x, y0: -5, y1: 20 })),
    );
    expect(both.map((it) => [it.str, it.x0 > 633.2 && it.x1 < 755.5])).toEqual([
      ['政府预算支出经济科目（按大类）', true],
    ]);
  });
});

describe('buildGrid', () => {
  it('keeps the tail of a figure wrapped in its narrow cell (a lone digit), and drops the page number', () => {
    const rows = [100, 130, 160, 190];
    const horizontals: Segment[] = [...rows, 220].map((y) => ({ x0: 50, x1: 250, y0: y, y1: y }));
    const verticals: Segment[] = [50, 150, 250].map((x) => ({ x0: x, x1: x, y0: 100, y1: 220 }));
    const items = rows.flatMap((y, i) => [textItem(`支出${i}`, 60, 90, y + 10, y + 20, 10)]);
    // row 1's figure 12,868.19 set in two lines of its cell: 12,868.1 above a right-aligned 9
    items.push(textItem('12,868.1', 205, 245, 133, 143, 10), textItem('9', 240, 245, 146, 156, 10));
    items.push(...[0, 2, 3].map((i) => textItem(`${i}.50`, 225, 245, rows[i] + 10, rows[i] + 20, 10)));
    // the page number under the table
    items.push(textItem('24', 140, 150, 232, 242, 10));
    const page: PdfPage = { number: 1, width: 300, height: 400, items, horizontals, verticals, imageCount: 0 };
    const grid = buildGrid({ page, top: 95, bottom: 245 })!;
    expect(grid.rows.map((r) => r.map((c) => c?.text ?? ''))).toEqual([
      ['支出0', '0.50'],
      ['支出1', '12,868.19'],
      ['支出2', '2.50'],
      ['支出3', '3.50'],
    ]);
  });

  it('takes a rule broken into pieces a little apart (a scan’s residual skew) for one column boundary', () => {
    const rows = [100, 130, 160, 190, 220, 250, 280];
    const horizontals: Segment[] = [...rows, 310].map((y) => ({ x0: 50, x1: 250, y0: y, y1: y }));
    const verticals: Segment[] = [
      { x0: 50, x1: 50, y0: 100, y1: 310 },
      // the middle rule steps 2.2 pt to the right halfway down
      { x0: 150, x1: 150, y0: 100, y1: 200 },
      { x0: 152.2, x1: 152.2, y0: 185, y1: 310 },
      { x0: 250, x1: 250, y0: 100, y1: 310 },
    ];
    const items = rows.flatMap((y, i) => [
      textItem(`支出${i}`, 60, 90, y + 10, y + 20, 10),
      textItem(`${i}.00`, 200, 240, y + 10, y + 20, 10),
    ]);
    const page: PdfPage = { number: 1, width: 300, height: 400, items, horizontals, verticals, imageCount: 0 };
    const grid = buildGrid({ page, top: 95, bottom: 315 })!;
    expect(grid.rows.map((r) => r.map((c) => c?.text ?? ''))).toEqual(rows.map((_, i) => [`支出${i}`, `${i}.00`]));
  });
});
