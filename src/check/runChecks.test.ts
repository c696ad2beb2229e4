import { describe, expect, it } from 'vitest';
import type { Cell, DocumentResult, Table } from '../model/schema.js';
import { runChecks } from './runChecks.js';

type Row = [code: string, name: string, ...values: string[]];

function table(number: string, catalog_id: string, paths: string[][], rows: Row[], panel = ''): Table {
  const cells: Cell[] = [];
  for (const [code, name, ...values] of rows)
    values.forEach((v, j) => {
      if (v)
        cells.push({
          table: number,
          panel,
          row_code: code,
          row_name: name,
          column: paths[j].join('/'),
          column_path: paths[j],
          value: v,
          unit: '万元',
          page: 1,
          bbox: null,
        });
    });
  return {
    number,
    numbered_by: 'printed',
    code_printed: null,
    catalog_id,
    title: catalog_id,
    unit: '万元',
    unit_declared: true,
    pages: [1],
    grid_method: 'source',
    empty: !cells.length,
    columns: [
      { path: ['项目', '科目代码'], role: 'code', panel },
      { path: ['项目', '科目名称'], role: 'name', panel },
      ...paths.map((path) => ({ path, role: 'value' as const, panel })),
    ],
    cells,
    notes: [],
  };
}

function doc(tables: Table[], narrative: DocumentResult['narrative'] = []): DocumentResult {
  return {
    tool_version: 't',
    build: 'b',
    document: 'x.pdf',
    file: 'x.pdf',
    format: 'pdf',
    sha256: '',
    bytes: 0,
    kind: '决算',
    year: 2024,
    entity: 'e',
    unit: '万元',
    status: 'ok',
    error: null,
    pages: 1,
    text_source: 'pdf',
    seconds: 0,
    tables,
    narrative,
    checks: [],
    warnings: [],
    notes: [],
    ocr_pages: [],
  };
}

const EXPENSE_PATHS = [['本年支出合计'], ['基本支出'], ['项目支出']];
const consistent: Row[] = [
  ['', '合计', '30.00', '20.00', '10.00'],
  ['201', '一般公共服务支出', '30.00', '20.00', '10.00'],
  ['20103', '政府办公厅（室）及相关机构事务', '30.00', '20.00', '10.00'],
  ['2010301', '行政运行', '20.00', '20.00', ''],
  ['2010302', '一般行政管理事务', '10.00', '', '10.00'],
];
const failures = (d: DocumentResult) => runChecks(d).filter((c) => c.status === 'fail');

describe('checks', () => {
  it('a consistent table raises no failure', () => {
    const results = runChecks(doc([table('03', 'final.expense', EXPENSE_PATHS, consistent)]));
    expect(results.length).toBeGreaterThan(5);
    expect(results.filter((c) => c.status !== 'pass')).toEqual([]);
  });

  it('flags a 类 that does not equal its 款', () => {
    const rows = consistent.map((r) =>
      r[0] === '201' ? (['201', '一般公共服务支出', '31.00', '20.00', '11.00'] as Row) : r,
    );
    const f = failures(doc([table('03', 'final.expense', EXPENSE_PATHS, rows)]));
    expect(f.map((c) => c.rule)).toContain('hierarchy.function');
    expect(f.find((c) => c.rule === 'hierarchy.function')?.message).toMatch(/201 一般公共服务支出/);
  });

  it('treats two-decimal rounding as rounding, not failure', () => {
    const rows: Row[] = [
      ['201', '一般公共服务支出', '10.01', '', ''],
      ['20103', '政府办公厅（室）及相关机构事务', '3.33', '', ''],
      ['20105', '统计信息事务', '3.33', '', ''],
      ['20106', '财政事务', '3.34', '', ''],
      ['20107', '税收事务', '0.00', '', ''],
    ];
    const results = runChecks(doc([table('03', 'final.expense', EXPENSE_PATHS, rows)])).filter(
      (c) => c.rule === 'hierarchy.function',
    );
    expect(results.map((c) => c.status)).toEqual(['rounding']);
  });

  it('flags a 三公 合计 off by 1.00', () => {
    const top = '财政拨款“三公”经费';
    const paths = [
      [top, '合计'],
      [top, '因公出国（境）费'],
      [top, '公务用车购置及运行维护费', '小计'],
      [top, '公务用车购置及运行维护费', '公务用车购置费'],
      [top, '公务用车购置及运行维护费', '公务用车运行维护费'],
      [top, '公务接待费'],
    ];
    const good = runChecks(
      doc([table('09', 'final.three-public', paths, [['', '决算数', '2.68', '', '1.58', '', '1.58', '1.10']])]),
    );
    expect(good.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(good.length).toBe(2); // 合计 = parts; 小计 = 购置 + 运行维护
    const bad = failures(
      doc([table('09', 'final.three-public', paths, [['', '决算数', '3.68', '', '1.58', '', '1.58', '1.10']])]),
    );
    expect(bad.map((c) => `${c.rule} ${c.expected} ${c.actual}`)).toEqual(['three-public.items 3.68 2.68']);
  });

  it('checks that the summary panels balance and agree with the detail table', () => {
    const t01 = table(
      '01',
      'final.summary',
      [['决算数']],
      [
        ['', '本年收入合计', '30.00'],
        ['', '总计', '30.00'],
      ],
      '收入',
    );
    const t01e = table(
      '01',
      'final.summary',
      [['决算数']],
      [
        ['', '本年支出合计', '30.00'],
        ['', '总计', '31.00'],
      ],
      '支出',
    );
    t01.cells.push(...t01e.cells);
    const f = failures(doc([t01, table('03', 'final.expense', EXPENSE_PATHS, consistent)]));
    expect(f.map((c) => c.rule).sort()).toEqual(['panel.balance', 'panel.balance']);
    const t01b = table('01', 'final.summary', [['决算数']], [['', '本年支出合计', '29.00']], '支出');
    const g = failures(doc([t01b, table('03', 'final.expense', EXPENSE_PATHS, consistent)]));
    expect(g.map((c) => c.rule)).toEqual(['cross.tables']);
  });

  it('reads the 三公 table per measure, and adds 会议费 and 培训费 where the table has them', () => {
    // one column per item and measure (预算数 / 决算数), as Shanghai prints it
    const top = '财政拨款“三公”经费';
    const paths = [
      [top, '合计', '预算数'],
      [top, '合计', '决算数'],
      [top, '公务接待费', '预算数'],
      [top, '公务接待费', '决算数'],
    ];
    const ok = runChecks(doc([table('07', 'final.three-public', paths, [['', '', '0.95', '0.39', '0.95', '0.39']])]));
    expect(ok.map((c) => `${c.rule} ${c.status}`)).toEqual(['three-public.items pass', 'three-public.items pass']);
    // 合计 over 三公 + 会议费 + 培训费 (Jiangsu budgets)
    const paths2 = [
      ['合计'],
      ['“三公”经费', '小计'],
      ['“三公”经费', '因公出国（境）费'],
      ['“三公”经费', '公务接待费'],
      ['会议费'],
      ['培训费'],
    ];
    const good = runChecks(
      doc([table('09', 'budget.three-public', paths2, [['', '', '20.00', '5.00', '2.00', '3.00', '10.00', '5.00']])]),
    );
    expect(good.map((c) => `${c.status} ${c.message}`)).toEqual([
      'pass 09: “三公”经费 合计 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费',
      'pass 09: 合计 = “三公”经费 + 会议费 + 培训费',
    ]);
    const bad = failures(
      doc([table('09', 'budget.three-public', paths2, [['', '', '21.00', '5.00', '2.00', '3.00', '10.00', '5.00']])]),
    );
    expect(bad.map((c) => c.difference)).toEqual(['-1.00']);
  });

  it("compares narrative figures with the tables, across units, within the text's rounding", () => {
    const t = table('03', 'final.expense', EXPENSE_PATHS, consistent);
    const yuan = {
      ...t,
      unit: '元' as const,
      cells: t.cells.map((c) => ({ ...c, unit: '元' as const, value: (Number(c.value) * 10000 + 12).toFixed(2) })),
    };
    const fig = (value: string, unit: '万元' | '元') => ({
      key: 'expense.basic',
      label: '基本支出',
      value,
      unit,
      page: 4,
      text: '…',
    });
    // 200,012.00 元 stated as 20.00 万元: within the text's rounding (0.01 万元)
    const r1 = runChecks(doc([yuan], [fig('20.00', '万元')])).filter((c) => c.rule === 'narrative.tables');
    expect(r1.map((c) => c.status)).toEqual(['rounding']);
    expect(r1[0].cells.map((c) => c.table)).toEqual(['03', 'text']);
    // 21.00 万元 is 10,000 元 off: a failure, with the text's page
    const r2 = runChecks(doc([yuan], [fig('21.00', '万元')])).filter((c) => c.rule === 'narrative.tables');
    expect(r2.map((c) => `${c.status} ${c.difference}`)).toEqual(['fail -9988.00']);
    expect(r2[0].cells[1].page).toBe(4);
    // a figure whose table is absent is not compared
    expect(runChecks(doc([], [fig('20.00', '万元')]))).toEqual([]);
  });
});
