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

  it('adds up the rows of each unit where a table repeats the codes once per budget unit', () => {
    const unit = (x: string): Row[] => [
      ['213', '农林水支出', x],
      ['21303', '水利', x],
      ['2130301', '行政运行', x],
    ];
    const rows: Row[] = [['', '合计', '30.00'], ...unit('10.00'), ...unit('20.00')];
    const results = runChecks(doc([table('03', 'budget.expense', [['合计']], rows)]));
    expect(results.filter((c) => c.rule === 'hierarchy.function').map((c) => `${c.status} ${c.expected}`)).toEqual([
      'pass 10.00',
      'pass 20.00',
      'pass 10.00',
      'pass 20.00',
    ]);
    expect(results.filter((c) => c.status !== 'pass')).toEqual([]);
  });

  it('totals the shortest codes a table prints when it prints no 类, and skips a table without codes', () => {
    const rows: Row[] = [
      ['', '合计', '30.00'],
      ['2010601', '行政运行', '12.00'],
      ['2010601', '行政运行', '8.00'],
      ['2080505', '机关事业单位基本养老保险缴费支出', '10.00'],
    ];
    const r = runChecks(doc([table('03', 'budget.expense', [['合计']], rows)]));
    expect(r.map((c) => `${c.rule} ${c.status} ${c.message}`)).toEqual([
      'column.total-row pass budget.expense 合计 (合计) = Σ 3 项 rows',
    ]);
    const units: Row[] = [
      ['', '合计', '30.00'],
      ['', '某某局', '30.00'],
    ];
    expect(runChecks(doc([table('02', 'budget.income', [['合计']], units)]))).toEqual([]);
  });

  it('reads 三公 items printed as rows, named …支出, beside a row that is not 三公', () => {
    const rows: Row[] = [
      ['', '行政经费', '839.21'],
      ['', '“三公”经费', '19.86'],
      ['', '其中：（一）因公出国（境）支出', '5.00'],
      ['', '（二）公务用车购置及运行维护支出', '6.70'],
      ['', '1.公务用车购置费', '0.00'],
      ['', '2.公务用车运行维护费', '6.70'],
      ['', '（三）公务接待费支出', '8.16'],
    ];
    const r = runChecks(doc([table('08', 'budget.three-public', [['合计']], rows)]));
    expect(r.map((c) => `${c.status} ${c.expected} ${c.actual}`)).toEqual(['pass 19.86 19.86', 'pass 6.70 6.70']);
    rows[1] = ['', '“三公”经费', '20.86'];
    expect(failures(doc([table('08', 'budget.three-public', [['合计']], rows)])).map((c) => c.difference)).toEqual([
      '-1.00',
    ]);
  });

  it('compares a total column with its addends row by row, a label printed on many rows included', () => {
    const paths = [['合计'], ['基本支出'], ['项目支出']];
    const rows: Row[] = [
      ['2010601', '行政运行', '12.00', '12.00', ''],
      ['2010601', '行政运行', '8.00', '', '8.00'],
    ];
    const r = runChecks(doc([table('05', 'budget.other', paths, rows)]));
    const seen = r.map((c) => `${c.rule} ${c.status} ${c.expected}`);
    expect(seen).toEqual(['row.total pass 12.00', 'row.total pass 8.00']);
  });

  it('leaves 其中 columns out of a sum, unless the rows add up with them; a group prints its own total', () => {
    const ofWhich = [['小计'], ['其中：中小企业'], ['其中：小微企业']];
    const sub: Row[] = [['', '甲单位', '100.00', '60.00', '30.00']];
    expect(runChecks(doc([table('03', 'budget.other', ofWhich, sub)]))).toEqual([]);
    const addend = [['小计'], ['其中：基本支出'], ['项目支出']];
    const rows: Row[] = [
      ['201', '一般公共服务支出', '10.00', '7.00', '3.00'],
      ['20105', '统计信息事务', '10.00', '7.00', '3.00'],
    ];
    const r = runChecks(doc([table('05', 'budget.other', addend, rows)]));
    expect(r.map((c) => `${c.status} ${c.message}`)).toEqual([
      'pass row 201 一般公共服务支出: 小计 = 其中：基本支出 + 项目支出',
      'pass row 20105 统计信息事务: 小计 = 其中：基本支出 + 项目支出',
    ]);
    const bj = [['合计'], ['基本支出'], ['项目支出', '项目支出总数'], ['项目支出', '扣除基建项目后预算数']];
    const r2 = runChecks(doc([table('05', 'budget.other', bj, [['', '乙', '10.00', '4.00', '6.00', '5.00']])]));
    expect(r2.map((c) => `${c.status} ${c.message}`)).toEqual(['pass row 乙: 合计 = 基本支出 + 项目支出总数']);
  });

  it('counts balances brought forward however they are named into 收入总计, and not their sub-rows', () => {
    const inc = table(
      '01',
      'budget.summary',
      [['2026年预算数']],
      [
        ['', '本年收入合计', '4676.96'],
        ['', '上年结余、结转', '7.34'],
        ['', '1.财政拨款结余、结转', '7.34'],
        ['', '上年实户资金余额', '1.00'],
        ['', '收入总计', '4685.30'],
      ],
      '收入',
    );
    const r = runChecks(doc([inc])).filter((c) => c.rule === 'panel.balance');
    expect(r.map((c) => `${c.status} ${c.message}`)).toEqual([
      'pass 收入 总计 = 本年收入合计 + 上年结余、结转 + 上年实户资金余额',
    ]);
  });

  it('adds up codes printed once each wherever they stand, as in side-by-side groups', () => {
    // two groups printed side by side: cells come row by row, alternating between the groups
    const rows: Row[] = [
      ['301', '工资福利支出', '30.00'],
      ['302', '商品和服务支出', '5.00'],
      ['30101', '基本工资', '10.00'],
      ['30201', '办公费', '5.00'],
      ['30102', '津贴补贴', '20.00'],
    ];
    const r = runChecks(doc([table('06', 'final.gpb-basic', [['决算数']], rows)]));
    expect(r.filter((c) => c.rule === 'hierarchy.economic').map((c) => `${c.status} ${c.expected}`)).toEqual([
      'pass 30.00',
      'pass 5.00',
    ]);
  });

  it('compares a narrative 三公 figure with the table figure of its own basis only', () => {
    const top = '财政拨款“三公”经费';
    const paths = [[top, '合计', '预算数']];
    const t = table('07', 'final.three-public', paths, [['', '', '0.95']]);
    const fig = (key: string, label: string) => ({
      key,
      label,
      value: '0.00',
      unit: '万元' as const,
      page: 3,
      text: '…',
    });
    // the text states the 决算 figure; the table prints only the 预算 one: nothing to compare
    const final = runChecks(doc([t], [fig('three.final', '“三公”经费支出决算')]));
    expect(final.filter((c) => c.rule === 'narrative.tables')).toEqual([]);
    const budget = runChecks(doc([t], [fig('three.budget', '“三公”经费预算数')])).filter(
      (c) => c.rule === 'narrative.tables',
    );
    expect(budget.map((c) => `${c.status} ${c.actual}`)).toEqual(['fail 0.95']);
  });
});
