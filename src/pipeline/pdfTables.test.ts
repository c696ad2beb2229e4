import { describe, expect, it } from 'vitest';
import { failingChecks } from '../check/scoreReading.js';
import type { PdfPage, TextItem } from '../model/content.js';
import { pdfDrafts } from './pdfTables.js';

/** A page of text lines (one item per cell text), 15 pt apart. */
function page(number: number, lines: string[][]): PdfPage {
  const items: TextItem[] = [];
  lines.forEach((cells, i) =>
    cells.forEach(
      (str, j) =>
        str &&
        items.push({
          str,
          x0: 60 + j * 120,
          x1: 60 + j * 120 + str.length * 9,
          y0: 60 + i * 15,
          y1: 69 + i * 15,
          fontSize: 9,
        }),
    ),
  );
  return { number, width: 595, height: 842, items, horizontals: [], verticals: [], imageCount: 0 };
}

describe('pdfDrafts', () => {
  it('drops a title without figures that is found again later with its table (a mention)', () => {
    const mention = page(1, [['收支预算总表'], ['单位：万元'], ['本表说明见后。']]);
    const table = page(2, [
      ['收支预算总表'],
      ['单位：万元'],
      ['项目', '预算数'],
      ['一般公共预算拨款', '697.00'],
      ['收入总计', '697.00'],
    ]);
    const { drafts } = pdfDrafts({ format: 'pdf', pages: [mention, table] }, failingChecks);
    expect(drafts.map((d) => d.pages)).toEqual([[2]]);
  });

  it('keeps an empty table that appears once (an empty table with its note)', () => {
    const empty = page(1, [
      ['政府性基金预算财政拨款收入支出决算表'],
      ['单位：万元'],
      ['项目', '决算数'],
      ['本部门无政府性基金收支，故本表为空表。'],
    ]);
    const { drafts } = pdfDrafts({ format: 'pdf', pages: [empty] }, failingChecks);
    expect(drafts.length).toBe(1);
  });

  it('says which number of a numbered scheme no table carries', () => {
    const numbered = (n: number, mark: string, title: string, row: string) =>
      page(n, [[mark], [title], ['单位：万元'], ['项目', '预算数'], [row, '697.00'], ['合计', '697.00']]);
    const pages = [
      numbered(1, '公开01表', '收支预算总表', '一般公共预算拨款'),
      // the title misread beyond recognition: no table, the numbering says so
      page(2, [['公开02表'], ['收入预筫总口'], ['单位：万元'], ['项目', '金额'], ['一般公共预算', '697.00']]),
      numbered(3, '公开03表', '支出预算总表', '基本支出'),
    ];
    const { drafts, messages } = pdfDrafts({ format: 'pdf', pages }, failingChecks);
    expect(drafts.map((d) => d.code?.number)).toEqual([1, 3]);
    const gaps = (messages ?? []).filter((m) => m.code === 'table-missing');
    expect(gaps.length).toBe(1);
    expect(gaps[0].text).toMatch(/公开01表 to 公开03表; not found: number 2 between "收支预算总表" \(page 1\)/);
    expect(gaps[0].severity).toBe('warning');
  });

  it('says nothing of a numbering without gaps', () => {
    // one scheme printed two ways (单位预算02表, 单位预算表3)
    const marks = ['单位预算01表', '单位预算02表', '单位预算表3'];
    const pages = ['收支预算总表', '收入预算总表', '支出预算总表'].map((t, i) =>
      page(i + 1, [[marks[i]], [t], ['单位：万元'], ['项目', '预算数'], ['合计', '697.00']]),
    );
    const { drafts, messages } = pdfDrafts({ format: 'pdf', pages }, failingChecks);
    expect(drafts.map((d) => d.code?.number)).toEqual([1, 2, 3]);
    expect((messages ?? []).filter((m) => m.code === 'table-missing')).toEqual([]);
  });
});
