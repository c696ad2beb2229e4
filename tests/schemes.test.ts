/**
 * The national budget schemes: how provinces label and title their tables (预算01表 …, 表N on its
 * own line, 表一, 公开 01 表, 公开表N, 表N：, ordinal headings, no label at all), with the title
 * variants (a leading year, “2026 年”, full-width ２０２１, 部门/单位, a space in 表 10, ASCII or CJK
 * quotes), the entity printed in various ways or only in a form, running heads, titles repeated on
 * continuation pages, 绩效目标表 forms and lists of tables. Rendered by the project's own writer.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extract } from '../src/index.js';
import { PdfBuilder, textWidth, type PageSpec } from './fixtures/pdfWriter.js';

type Label = 'above' | 'inline' | 'none' | 'ordinal';
interface SchemeTable {
  label: string; // printed label ('' for none)
  title: string;
  rows: [string, string, string, string, string][]; // code, name, total, basic, project
  /** rows per page: a longer table runs over pages */
  perPage?: number;
  /** what a continuation page repeats: the label and title, or the column header only */
  repeat?: 'title' | 'header';
}
interface Scheme {
  name: string;
  labelStyle: Label;
  cover: string[];
  toc?: string[];
  marks: (unit: string) => string; // the line under the title
  unit: '万元' | '元';
  runningHead?: string;
  tables: SchemeTable[];
  /** a 绩效目标表 form after the tables, with 部门名称 in a cell (the only place the entity is printed) */
  form?: { label: string; title: string; entity: string };
  expectIds: string[];
  expectEntity: string;
  expectYear: number;
}

const HEADER = ['科目编码', '科目名称', '合计', '基本支出', '项目支出'];
const WIDTHS = [70, 170, 90, 90, 90];

const ROWS: SchemeTable['rows'] = [
  ['', '合计', '1,234.56', '1,000.00', '234.56'],
  ['201', '一般公共服务支出', '1,034.56', '800.00', '234.56'],
  ['20101', '人大事务', '1,034.56', '800.00', '234.56'],
  ['2010101', '行政运行', '1,034.56', '800.00', '234.56'],
  ['208', '社会保障和就业支出', '200.00', '200.00', '0.00'],
  ['20805', '行政事业单位养老支出', '200.00', '200.00', '0.00'],
  ['2080505', '机关事业单位基本养老保险缴费支出', '200.00', '200.00', '0.00'],
];

function grid(p: PageSpec, top: number, rows: string[][], left: number): number {
  const xs = [left];
  for (const w of WIDTHS) xs.push(xs[xs.length - 1] + w);
  let y = top;
  for (const r of rows) {
    const y1 = y + 18;
    r.forEach((s, j) => {
      if (s) {
        const x = j >= 2 ? xs[j + 1] - 3 - textWidth(s, 8) : xs[j] + 3;
        PdfBuilder.text(p, s, x, y + 12, 8);
      }
      PdfBuilder.line(p, xs[j], y, xs[j], y1);
      PdfBuilder.line(p, xs[j + 1], y, xs[j + 1], y1);
      PdfBuilder.line(p, xs[j], y, xs[j + 1], y);
      PdfBuilder.line(p, xs[j], y1, xs[j + 1], y1);
    });
    y = y1;
  }
  return y;
}

function render(s: Scheme): Buffer {
  const b = new PdfBuilder();
  const head = (p: PageSpec) => s.runningHead && PdfBuilder.text(p, s.runningHead, 150, 30, 9);
  const cover = b.page();
  s.cover.forEach((l, i) => PdfBuilder.text(cover, l, 150, 250 + i * 30, 20));
  if (s.toc) {
    const toc = b.page();
    head(toc);
    PdfBuilder.text(toc, '目录', 270, 80, 16);
    s.toc.forEach((l, i) => PdfBuilder.text(toc, l, 80, 120 + i * 22, 11));
  }
  const left = (841.9 - WIDTHS.reduce((a, c) => a + c, 0)) / 2;
  const titleBlock = (p: PageSpec, t: SchemeTable): number => {
    let top = 60;
    if (s.labelStyle === 'above' && t.label) {
      PdfBuilder.text(p, t.label, left, top, 12);
      top += 22;
    }
    if (s.labelStyle === 'ordinal' && t.label) {
      PdfBuilder.text(p, t.label, left, top, 14);
      top += 26;
    }
    const title = s.labelStyle === 'inline' && t.label ? `${t.label} ${t.title}` : t.title;
    PdfBuilder.text(p, title, (841.9 - textWidth(title, 15)) / 2, top, 15);
    top += 22;
    PdfBuilder.text(p, s.marks(`单位：${s.unit}`), left, top, 9);
    return top + 10;
  };
  for (const t of s.tables) {
    const per = t.perPage ?? t.rows.length;
    for (let start = 0; start < t.rows.length; start += per) {
      const p = b.page(841.9, 595.3);
      head(p);
      const top = start === 0 || t.repeat === 'title' ? titleBlock(p, t) : 50;
      grid(p, top, [HEADER, ...t.rows.slice(start, start + per)], left);
    }
  }
  if (s.form) {
    const p = b.page(841.9, 595.3);
    head(p);
    PdfBuilder.text(p, `${s.form.label} ${s.form.title}`, 300, 60, 15);
    PdfBuilder.text(p, '（2026年度）', 380, 80, 10);
    PdfBuilder.text(p, `单位：${s.unit}`, left, 95, 9);
    grid(
      p,
      105,
      [
        ['部门名称', s.form.entity, '', '', ''],
        ['年度目标', '完成年度工作任务', '', '', ''],
        ['产出指标', '数量指标', '12', '', ''],
      ],
      left,
    );
  }
  return b.build();
}

async function run(s: Scheme) {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'gongkai-scheme-')), `${s.name}.pdf`);
  writeFileSync(file, render(s));
  return extract(file, { documentName: 'document.pdf' });
}

const two = (a: string, b: string, c: string): SchemeTable[] => [
  { label: a, title: b, rows: ROWS },
  { label: c.split('|')[0], title: c.split('|')[1], rows: ROWS },
];

const SCHEMES: Scheme[] = [
  {
    name: 'beijing',
    labelStyle: 'inline',
    cover: [],
    marks: (u) => `金额${u}`,
    unit: '万元',
    tables: two('预算 03表', '支出总表', '预算05表|一般公共预算支出表'),
    form: { label: '预算13表', title: '部门整体支出绩效目标表', entity: '北京市某某管理局' },
    expectIds: ['budget.expense', 'budget.gpb-expense'],
    expectEntity: '北京市某某管理局',
    expectYear: 2026,
  },
  {
    name: 'shenzhen',
    labelStyle: 'above',
    cover: ['2026年深圳市某某局部门预算'],
    marks: (u) => `部门名称：深圳市某某局                              ${u}`,
    unit: '万元',
    tables: [
      { label: '表3', title: '支出总表', rows: ROWS, perPage: 3, repeat: 'title' },
      { label: '表 10', title: '政府性基金预算支出表', rows: ROWS },
    ],
    expectIds: ['budget.expense', 'budget.gov-fund'],
    expectEntity: '深圳市某某局',
    expectYear: 2026,
  },
  {
    name: 'chongqing',
    labelStyle: 'above',
    cover: ['重庆市某某局', '2026年部门预算'],
    marks: (u) => `单位名称:重庆市某某局                              ${u.replace('：', ':')}`,
    unit: '万元',
    tables: two('表三', '2026 年部门支出总体情况表', '表五|2026年一般公共预算支出情况表'),
    expectIds: ['budget.expense', 'budget.gpb-expense'],
    expectEntity: '重庆市某某局',
    expectYear: 2026,
  },
  {
    name: 'shaanxi',
    labelStyle: 'above',
    cover: ['西安市某某局２０２１年部门综合预算'],
    marks: (u) => `预算单位：西安市某某局                          金额${u}`,
    unit: '元',
    tables: [
      { label: '表3', title: '２０２１年部门综合预算支出总表', rows: ROWS, perPage: 4, repeat: 'header' },
      { label: '表5', title: '２０２１年部门综合预算一般公共预算支出明细表（按支出功能分类科目）', rows: ROWS },
    ],
    expectIds: ['budget.expense', 'budget.gpb-expense'],
    expectEntity: '西安市某某局',
    expectYear: 2021,
  },
  {
    name: 'fujian',
    labelStyle: 'ordinal',
    cover: ['2026 年度', '福州市某某局(本级)', '单位预算'],
    toc: ['一、支出预算总表', '二、一般公共预算拨款支出预算表', '三、政府性基金预算拨款支出预算表'],
    marks: (u) => `                                                       ${u}`,
    unit: '万元',
    tables: two(
      '三、支出预算总表',
      '2026年度支出预算总表',
      '五、一般公共预算拨款支出预算表|2026年度一般公共预算拨款支出预算表',
    ),
    expectIds: ['budget.expense', 'budget.gpb-expense'],
    expectEntity: '福州市某某局(本级)',
    expectYear: 2026,
  },
  {
    name: 'jiangsu-city',
    labelStyle: 'above',
    cover: ['2025 年度', '无锡市某某委员会', '部门预算公开'],
    runningHead: '无锡市某某委员会 2025 年度部门预算公开',
    marks: (u) => `部门：无锡市某某委员会                              ${u}`,
    unit: '万元',
    tables: [
      { label: '公开 03 表', title: '支出总表', rows: ROWS, perPage: 4, repeat: 'header' },
      { label: '公开 07 表', title: '一般公共预算支出表', rows: ROWS },
    ],
    expectIds: ['budget.expense', 'budget.gpb-expense'],
    expectEntity: '无锡市某某委员会',
    expectYear: 2025,
  },
  {
    name: 'zhejiang',
    labelStyle: 'inline',
    cover: ['湖州市某某局2026年部门预算'],
    marks: (u) => `341-湖州市某某局                                        ${u.replace('：', ':')}`,
    unit: '万元',
    tables: two('表03', '2026年市级部门支出预算总表', '表1：|2026年市级部门一般公共预算"三公"经费支出表'),
    expectIds: ['budget.expense', 'budget.three-public'],
    expectEntity: '湖州市某某局',
    expectYear: 2026,
  },
  {
    name: 'shandong',
    labelStyle: 'above',
    cover: ['烟台市某某局2026年部门预算'],
    marks: (u) => `部门（单位）：烟台市某某局                          ${u}`,
    unit: '万元',
    tables: two('公开表3', '支出总体情况表', '公开表10|基本支出预算情况表'),
    expectIds: ['budget.expense', 'budget.basic'],
    expectEntity: '烟台市某某局',
    expectYear: 2026,
  },
  {
    name: 'unnumbered',
    labelStyle: 'none',
    cover: ['长沙市某某局2026年部门预算'],
    marks: (u) => `部门名称：长沙市某某局                                ${u}`,
    unit: '万元',
    tables: two('', '2026年部门支出总体情况表', '|2026年专用设备购置明细表'),
    expectIds: ['budget.expense', 'budget.other'],
    expectEntity: '长沙市某某局',
    expectYear: 2026,
  },
];

describe('national budget schemes', () => {
  for (const s of SCHEMES)
    it(`finds and reads the tables of the ${s.name} scheme`, async () => {
      const doc = await run(s);
      expect(doc.error).toBeNull();
      expect(doc.tables.map((t) => t.catalog_id)).toEqual(s.expectIds);
      for (const t of doc.tables) {
        // every amount of every row, continuation pages included, and no header read as data
        expect(t.cells.length).toBe(ROWS.length * 3);
        expect(t.cells.find((c) => c.row_code === '2080505' && c.column === '基本支出')?.value).toBe('200.00');
        expect(t.unit).toBe(s.unit);
      }
      expect(doc.entity).toBe(s.expectEntity);
      expect(doc.year).toBe(s.expectYear);
      expect(doc.kind).toBe('预算');
      if (s.form)
        expect(doc.notes.some((n) => n.includes('performance-target') && n.includes('绩效目标表'))).toBe(true);
      const generic = doc.tables.find((t) => t.catalog_id === 'budget.other');
      if (generic) expect(generic.notes.some((n) => n.includes('not in the catalog'))).toBe(true);
    });

  it('warns when the list of tables names a table the document does not hold', async () => {
    const s = SCHEMES.find((x) => x.name === 'fujian')!;
    const doc = await run(s);
    expect(doc.warnings.some((w) => w.includes('政府性基金') && w.includes('no such table'))).toBe(true);
  });
});
