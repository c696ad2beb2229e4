import { describe, expect, it } from 'vitest';
import { type MeasureCell, tableMeasures } from './measures.js';

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
