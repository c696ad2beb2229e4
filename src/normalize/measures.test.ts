import { describe, expect, it } from 'vitest';
import { headlineMeasures, type MeasureCell, tableMeasures } from './measures.js';

type Kind = '决算' | '预算';
const cell = (row_name: string, column_path: string[]): MeasureCell => ({
  panel: '',
  row_code: '',
  row_name,
  column_path,
});
/** The measures of a 三公 table given as [row, column path] pairs. */
const measures = (cells: [string, string[]][], kind: Kind = '预算') =>
  tableMeasures(
    { catalog_id: `${kind === '决算' ? 'final' : 'budget'}.three-public`, cells: cells.map(([r, p]) => cell(r, p)) },
    kind,
  );
const one = (path: string[], row = '', kind: Kind = '预算') => measures([[row, path]], kind)[0];

describe('tableMeasures: 三公 tables with the items as columns', () => {
  it('the 三公 total under “三公”经费, the vehicle items under their group (Shanghai)', () => {
    expect(one(['“三公”经费预算数', '合计'])).toMatchObject({ measure: 'three_public.total', basis: '预算' });
    expect(one(['“三公”经费预算数', '公务用车购置及运行费', '小计']).measure).toBe('three_public.vehicle');
    expect(one(['“三公”经费预算数', '公务用车购置及运行费', '运行费']).measure).toBe('three_public.vehicle_running');
    expect(one(['2024年机关运行经费预算数']).measure).toBe('running_costs');
    expect(one(['财政拨款“三公”经费', '合计', '决算数'], '', '决算')).toMatchObject({
      measure: 'three_public.total',
      basis: '决算',
    });
    expect(one(['财政拨款“三公”经费', '合计', '预算数'], '', '决算').basis).toBe('预算');
  });

  it('a plain 合计 beside 会议费 / 培训费 is the total of all five; 小计 under 三公 is the 三公 total', () => {
    const ms = measures([
      ['', ['“三公”经费', '小计']],
      ['', ['“三公”经费', '因公出国（境）费']],
      ['', ['会议费']],
      ['', ['培训费']],
      ['', ['合计']],
    ]);
    expect(ms.map((m) => m.measure)).toEqual([
      'three_public.total',
      'three_public.abroad',
      'meeting',
      'training',
      'three_public_meeting_training.total',
    ]);
  });

  it('totals named in other words: …合计, …预算总额, 总计, 三公 without quotes', () => {
    expect(one(['“三公”经费合计'], '某某局').measure).toBe('three_public.total');
    expect(one(['“三公”经费财政拨款预算总额']).measure).toBe('three_public.total');
    expect(one(['总计', '一般公共预算']).measure).toBe('three_public.total');
    expect(one(['三公经费预（决）算数（财政拨款）', '小计']).measure).toBe('three_public.total');
    expect(one(['三公经费预（决）算数（财政拨款）', '其中：公务用车运行费']).measure).toBe(
      'three_public.vehicle_running',
    );
  });

  it('one group per row and per remaining column label (一般公共预算, 政府性基金预算 …)', () => {
    const ms = measures([
      ['甲单位', ['总计', '一般公共预算']],
      ['甲单位', ['公务接待费', '一般公共预算']],
      ['甲单位', ['总计', '政府性基金预算']],
      ['乙单位', ['总计', '一般公共预算']],
    ]);
    expect(ms[0].group).toBe(ms[1].group);
    expect(ms[2].group).not.toBe(ms[0].group);
    expect(ms[3].group).not.toBe(ms[0].group);
  });
});

describe('tableMeasures: 三公 tables with the items as rows', () => {
  it('the row names the item whatever the column; the basis comes from the column', () => {
    const ms = measures(
      [
        ['一、因公出国（境）费', ['决算数']],
        ['（一）公务用车购置费', ['预算数']],
        ['合计', ['决算数']],
      ],
      '决算',
    );
    expect(ms[0]).toMatchObject({ measure: 'three_public.abroad', basis: '决算' });
    expect(ms[1].measure).toBe('three_public.vehicle_purchase');
    expect(ms[2]).toMatchObject({ measure: 'three_public.total', basis: '决算' });
  });

  it('items named …支出 under 其中：（一）, a row outside 三公 has no measure, a 合计 column is no total', () => {
    const rows = ['行政经费', '“三公”经费', '其中：（一）因公出国（境）支出', '（二）公务用车购置及运行维护支出'];
    const more = ['1.公务用车购置费', '2.公务用车运行维护费', '（三）公务接待费支出'];
    const ms = measures([...rows, ...more].map((r) => [r, ['合计']] as [string, string[]]));
    expect(ms.map((m) => m.measure)).toEqual([
      '',
      'three_public.total',
      'three_public.abroad',
      'three_public.vehicle',
      'three_public.vehicle_purchase',
      'three_public.vehicle_running',
      'three_public.reception',
    ]);
    expect(new Set(ms.map((m) => m.group)).size).toBe(1);
  });
});

describe('tableMeasures: other tables', () => {
  it('carry no measure yet', () => {
    const ms = tableMeasures({ catalog_id: 'final.summary', cells: [cell('合计', ['决算数'])] }, '决算');
    expect(ms).toEqual([{ measure: '', basis: '', group: '', place: '' }]);
  });
});

describe('headlineMeasures', () => {
  const c = (panel: string, row_name: string, column_path: string[]) => ({
    panel,
    row_code: '',
    row_name,
    column_path,
    column: column_path.join('/'),
  });
  it('keys the totals of the summary, expense and basic-expense tables, whatever the layout', () => {
    const summary = {
      catalog_id: 'budget.summary',
      cells: [
        c('收入', '一、财政拨款收入', ['预算数']),
        c('收入', '本年收入合计', ['预算数']),
        c('收入', '收入总计', ['预算数']),
        c('支出', '本年支出合计', ['预算数']),
      ],
    };
    const expense = {
      catalog_id: 'budget.expense',
      cells: [
        c('', '合计', ['合计']),
        c('', '合计', ['基本支出', '小计']),
        c('', '合计', ['基本支出', '人员经费']),
        c('', '合计', ['项目支出', '项目支出总数']),
        c('', '合计', ['项目支出', '扣除基建项目后预算数']),
      ],
    };
    // 人员经费 as a row (决算 tables) and as a column of the 合计 row (Beijing budgets)
    const rows = {
      catalog_id: 'final.gpb-basic',
      cells: [c('', '人员经费合计', ['决算数']), c('', '公用经费合计', ['决算数'])],
    };
    const cols = { catalog_id: 'budget.gpb-basic', cells: [c('', '合计', ['人员经费']), c('', '合计', ['公用经费'])] };
    const keyed = (ts: Parameters<typeof headlineMeasures>[0], kind: '预算' | '决算') =>
      [...headlineMeasures(ts, kind)].map(
        ([cell, m]) => `${cell.row_name}|${cell.column_path.join('/')}|${m.measure}|${m.basis}`,
      );
    expect(keyed([summary, expense], '预算')).toEqual([
      '收入总计|预算数|total|预算',
      '本年收入合计|预算数|income.current|预算',
      '一、财政拨款收入|预算数|income.fiscal|预算',
      '本年支出合计|预算数|expense.current|预算',
      '合计|基本支出/小计|expense.basic|预算',
      '合计|项目支出/项目支出总数|expense.project|预算',
    ]);
    expect(keyed([rows], '决算')).toEqual([
      '人员经费合计|决算数|gpb.personnel|决算',
      '公用经费合计|决算数|gpb.public|决算',
    ]);
    expect(keyed([cols], '预算')).toEqual(['合计|人员经费|gpb.personnel|预算', '合计|公用经费|gpb.public|预算']);
    // a summary whose only total is the 合计 at the top of its 收入 side (Chongqing); a basic-expenditure
    // table with 合计 | 人员经费支出 | 公用经费支出 beside a function table without 基本支出 (Xi'an)
    const top = { catalog_id: 'budget.summary', cells: [c('收入', '合计', ['预算数']), c('支出', '合计', ['预算数'])] };
    const xa = {
      catalog_id: 'budget.gpb-basic',
      cells: [c('', '合计', ['合计']), c('', '合计', ['人员经费支出']), c('', '合计', ['公用经费支出'])],
    };
    expect(keyed([top, xa], '预算')).toEqual([
      '合计|预算数|total|预算',
      '合计|合计|gpb.basic|预算',
      '合计|人员经费支出|gpb.personnel|预算',
      '合计|公用经费支出|gpb.public|预算',
    ]);
    // the department's own row above its units' rows (Shenzhen), only when it names the document's entity;
    // a column headed 其中：基本支出 (Guangzhou)
    const units = {
      catalog_id: 'budget.expense',
      cells: [
        c('', '深圳市水务局（本级）', ['基本支出']),
        c('', '深圳市水务局', ['基本支出']),
        c('', '深圳市水务局', ['项目支出']),
      ],
    };
    const gz = { catalog_id: 'budget.gpb-expense', cells: [c('', '合计', ['一般公共预算支出', '其中：基本支出'])] };
    expect(keyed([units], '预算')).toEqual([]);
    expect(
      [...headlineMeasures([units, gz], '预算', '深圳市水务局')].map(([x, m]) => `${x.row_name}|${m.measure}`),
    ).toEqual(['深圳市水务局|expense.basic', '深圳市水务局|expense.project', '合计|gpb.basic']);
  });
});

describe('headlineMeasures: summary rows named otherwise', () => {
  it('当年收入小计 and 收入合计 (Jiangsu), panels named 本年收入 / 本年支出 (Shanghai)', () => {
    const c = (panel: string, row_name: string) => ({
      panel,
      row_code: '',
      row_name,
      column_path: ['金额'],
      column: '金额',
    });
    const js = {
      catalog_id: 'budget.summary',
      cells: [c('收入', '当年收入小计'), c('收入', '收入合计'), c('支出', '当年支出小计')],
    };
    const sh = { catalog_id: 'budget.summary', cells: [c('本年收入', '收入总计'), c('本年收入', '收入合计')] };
    const keys = (t: typeof js) =>
      [...headlineMeasures([t], '预算')].map(([cell, m]) => `${cell.row_name}|${m.measure}`).sort();
    expect(keys(js)).toEqual(['当年支出小计|expense.current', '当年收入小计|income.current', '收入合计|total']);
    expect(keys(sh)).toEqual(['收入总计|total']);
  });
});

describe('headlineMeasures: a table printing only its totals', () => {
  it('reads the one unlabeled row of a 支出 table as its 合计 row', () => {
    const c = (column: string) => ({ panel: '', row_code: '', row_name: '', column_path: [column], column });
    const t = { catalog_id: 'budget.expense', cells: [c('合计'), c('基本支出'), c('项目支出')] };
    const keyed = [...headlineMeasures([t], '预算')].map(([cell, m]) => `${cell.column_path.join('/')}|${m.measure}`);
    expect(keyed).toEqual(['基本支出|expense.basic', '项目支出|expense.project']);
  });
});
