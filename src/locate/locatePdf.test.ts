import { describe, expect, it } from 'vitest';
import type { PdfPage, TextItem } from '../model/content.js';
import { textItem } from '../model/textItem.js';
import { locatePdfTables } from './locatePdf.js';

/** A page of OCR'd words (each with a confidence): [text, x, y] at 9 pt. */
function ocrPage(number: number, words: [string, number, number][]): PdfPage {
  const items: TextItem[] = words.map(([s, x, y]) => textItem(s, x, x + s.length * 9, y, y + 9, 9, 95));
  return { number, width: 595, height: 842, items, horizontals: [], verticals: [], imageCount: 1 };
}

describe('locatePdfTables', () => {
  it('does not take a header that reads near the title for the same table named again', () => {
    // 项目 | 一般公共预算基本支出 over 部门预算经济分类科目: joined as a wrapped line, the near match
    // of the title (one character misread, one missing) — before any row of the table
    const page = ocrPage(1, [
      ['2024年部门一般公共预算基本支出部门预算经济分类预算表', 120, 80],
      ['编制部门：示例区财政局', 50, 112],
      ['单位：元', 500, 112],
      ['项目', 200, 140],
      ['一般公共预算基本支出', 400, 140],
      ['部门预算经济分类科目', 50, 152],
      ['合计', 380, 170],
      ['人员经费', 440, 170],
      ['301', 50, 200],
      ['工资福利支出', 120, 200],
      ['88,282,511', 380, 200],
      ['88,282,511', 460, 200],
    ]);
    const tables = locatePdfTables([page]);
    expect(tables).toHaveLength(1);
    const [region] = tables[0].regions;
    expect(region.bottom).toBeGreaterThan(region.top);
    expect(region.top).toBeLessThan(140);
  });
});
