import { describe, expect, it } from 'vitest';
import type { Grid, GridCell } from '../model/grid.js';
import { interpretGrid } from './interpretGrid.js';

/** Build a grid from rows of strings; '<' repeats the cell to the left, '^' the cell above (merges). */
function grid(rows: string[][]): Grid {
  const out: (GridCell | null)[][] = [];
  rows.forEach((r, i) => {
    const row: (GridCell | null)[] = [];
    r.forEach((t, j) => {
      if (t === '<') row.push(row[j - 1]);
      else if (t === '^') row.push(out[i - 1][j]);
      else row.push(t ? { text: t, page: 1, bbox: null } : null);
    });
    out.push(row);
  });
  return { rows: out, method: 'source' };
}

describe('interpretGrid', () => {
  it('ends the header at the first row that is a label and whole numbers after a 序号 (元 tables, no 栏次)', () => {
    const g = grid([
      ['序号', '单位编码', '单位名称', '2021年', '<', '2022年', '<'],
      ['^', '^', '^', '合计', '会议费', '合计', '会议费'],
      ['1', '', '合计', '12240', '2380', '0', '0'],
      ['2', '234', '西安市气象局', '12240', '2380', '0', '0'],
      ['3', '234001', '西安市气象局机关', '0', '0', '0', '0'],
    ]);
    const r = interpretGrid(g);
    expect(r.headerRows).toBe(2);
    expect(r.columns.filter((c) => c.role === 'value').map((c) => c.path.join('/'))).toEqual([
      '2021年/合计',
      '2021年/会议费',
      '2022年/合计',
      '2022年/会议费',
    ]);
    expect(r.cells.filter((c) => c.row_name === '合计').map((c) => c.value)).toEqual(['12240', '2380', '0', '0']);
    expect(r.cells).toHaveLength(12);
  });

  it('takes a total row with a figure misread out of shape (7,66668) for data, not a heading', () => {
    const g = grid([
      ['科目编码', '科目名称', '金额'],
      ['', '合计', '7,66668'],
      ['301', '工资福利支出', '2928.98'],
    ]);
    const r = interpretGrid(g);
    expect(r.headerRows).toBe(1);
    expect(r.columns.map((c) => c.path.join('/'))).toEqual(['科目编码', '科目名称', '金额']);
  });

  it('names no row by punctuation alone', () => {
    const g = grid([
      ['项目', '合计', '公务接待费'],
      [')', '6.40', '0'],
      ['0]', '3.00', '1.00'],
    ]);
    expect(interpretGrid(g).cells.map((c) => c.row_name)).toEqual(['', '', '', '']);
  });

  it('builds header paths with merged cells repeated and skips 栏次', () => {
    const g = grid([
      ['项目', '<', '本年支出', '<', '<'],
      ['科目代码', '科目名称', '小计', '基本支出', '项目支出'],
      ['栏次', '<', '1', '2', '3'],
      ['', '合计', '10.00', '6.00', '4.00'],
      ['201', '一般公共服务支出', '10.00', '6.00', '4.00'],
    ]);
    const r = interpretGrid(g);
    expect(r.columns.map((c) => c.path.join('/'))).toEqual([
      '项目/科目代码',
      '项目/科目名称',
      '本年支出/小计',
      '本年支出/基本支出',
      '本年支出/项目支出',
    ]);
    expect(r.cells.map((c) => `${c.row_code}|${c.row_name}|${c.column.join('/')}|${c.value}`)).toEqual([
      '|合计|本年支出/小计|10.00',
      '|合计|本年支出/基本支出|6.00',
      '|合计|本年支出/项目支出|4.00',
      '201|一般公共服务支出|本年支出/小计|10.00',
      '201|一般公共服务支出|本年支出/基本支出|6.00',
      '201|一般公共服务支出|本年支出/项目支出|4.00',
    ]);
  });

  it('splits side-by-side panels and drops row numbers', () => {
    const g = grid([
      ['收入', '<', '<', '支出', '<', '<'],
      ['项目', '行次', '决算数', '项目', '行次', '决算数'],
      ['一、一般公共预算财政拨款收入', '1', '734.72', '一、一般公共服务支出', '31', '642.63'],
      ['', '2', '', '二、外交支出', '32', ''],
      ['总计', '3', '734.72', '总计', '33', '734.72'],
    ]);
    const r = interpretGrid(g);
    expect(r.cells.map((c) => `${c.panel}|${c.row_name}|${c.column.join('/')}|${c.value}`)).toEqual([
      '收入|一、一般公共预算财政拨款收入|决算数|734.72',
      '支出|一、一般公共服务支出|决算数|642.63',
      '收入|总计|决算数|734.72',
      '支出|总计|决算数|734.72',
    ]);
  });

  it('joins codes split over 类 | 款 | 项', () => {
    const g = grid([
      ['类', '款', '项', '科目名称', '金额'],
      ['201', '03', '02', '一般行政管理事务', '15.00'],
      ['201', '', '', '一般公共服务支出', '15.00'],
    ]);
    const r = interpretGrid(g);
    expect(r.cells.map((c) => c.row_code)).toEqual(['2010302', '201']);
  });

  it('completes 类 | 款 | 项 codes printed one level per row from the rows above', () => {
    const g = grid([
      ['类', '款', '项', '科目名称', '金额'],
      ['201', '', '', '一般公共服务支出', '15.00'],
      ['', '40', '', '信访事务', '15.00'],
      ['', '', '01', '行政运行', '10.00'],
      ['', '', '50', '事业运行', '5.00'],
      ['205', '', '', '教育支出', '1.00'],
      ['', '8', '', '进修及培训', '1.00'],
      ['', '', '03', '培训支出', '1.00'],
      ['', '', '', '资本性支出', '2.00'],
      ['', '02', '', '办公设备购置', '2.00'],
    ]);
    const r = interpretGrid(g);
    // a row without its code breaks the chain: 02 is left as printed rather than guessed
    expect(r.cells.map((c) => c.row_code)).toEqual([
      ...['201', '20140', '2014001', '2014050', '205', '20508', '2050803'],
      ...['', '02'],
    ]);
  });

  it('keeps a second and third classification of a row after its name, with their codes', () => {
    const g = grid([
      ['支出功能分类科目', '政府支出经济分类科目', '部门支出经济分类科目', '合计'],
      ['2010601-行政运行', '50101-工资奖金津补贴', '30101-基本工资', '1721.98'],
    ]);
    const two = grid([
      ['科目编码', '<', '部门经济分类科目', '科目编码', '<', '政府经济分类科目', '合计'],
      ['类', '款', '^', '类', '款', '^', '^'],
      ['301', '01', '基本工资', '501', '01', '工资奖金津补贴', '187.70'],
    ]);
    const label = (x: Grid) => interpretGrid(x).cells.map((c) => `${c.row_code}|${c.row_name}`);
    expect(label(g)).toEqual(['2010601|行政运行 / 50101 工资奖金津补贴 / 30101 基本工资']);
    expect(label(two)).toEqual(['30101|基本工资 / 50101 工资奖金津补贴']);
    // a row that prints only its unit (单位编码 1, 全额) under the 类|款|项 codes: no empty name before it
    const unitOnly = grid([
      ['科目编码', '<', '<', '单位编码', '采购项目', '预算金额'],
      ['类', '款', '项', '^', '^', '^'],
      ['214', '01', '02', '1', '全额', '1056.50'],
      ['214', '01', '02', '', '办公设备购置', '15.00'],
    ]);
    expect(label(unitOnly)).toEqual(['2140102|1 全额', '2140102|办公设备购置']);
  });

  it('finds the 收入 | 支出 panels past an empty strip before the first column (no heading, no text)', () => {
    const g = grid([
      ['', '收 入', '<', '支 出', '<'],
      ['', '项 目', '预算数', '项 目', '预算数'],
      ['', '一、一般公共预算拨款收入', '100.00', '一、一般公共服务支出', '100.00'],
      ['', '收入总计', '100.00', '支出总计', '100.00'],
    ]);
    const r = interpretGrid(g);
    expect(r.cells.map((c) => `${c.panel}|${c.row_name}|${c.column.join('/')}`)).toEqual([
      '收入|一、一般公共预算拨款收入|预算数',
      '支出|一、一般公共服务支出|预算数',
      '收入|收入总计|预算数',
      '支出|支出总计|预算数',
    ]);
  });

  it('joins the texts of a row\u2019s name columns with a space: they are different fields', () => {
    const g = grid([
      ['项目名称', '采购品目', '采购方式', '总计'],
      ['会议费', '会议服务', '分散自行组织', '126.25'],
    ]);
    expect(interpretGrid(g).cells.map((c) => c.row_name)).toEqual(['会议费 会议服务 分散自行组织']);
  });

  it('reads a wide table whose label columns follow value columns as one table, not side-by-side groups', () => {
    const g = grid([
      [
        '科目编码',
        '<',
        '采购项目',
        '购买服务内容',
        '规格型号',
        '数量',
        '部门预算支出',
        '<',
        '政府预算支出',
        '<',
        '预算金额',
      ],
      ['类', '款', '^', '^', '^', '^', '类', '款', '类', '款', '^'],
      ['214', '01', '检测费', '', '', '1', '302', '27', '505', '02', '20.00'],
    ]);
    const r = interpretGrid(g);
    // 数量 counts items: in a 元 table it would read as 1 元
    expect(r.cells.map((c) => `${c.row_code}|${c.row_name}|${c.column}|${c.value}`)).toEqual([
      '21401|检测费 / 30227 / 50502|预算金额|20.00',
    ]);
    expect(r.columns.find((c) => c.path.join('/') === '数量')?.role).toBe('quantity');
    expect(r.messages.map((m) => m.code)).toContain('quantity-columns');
    expect(r.messages.filter((m) => m.code === 'unlabeled-value')).toEqual([]);
    // under 收入 / 支出 panel headings the same label heading starts a group, whatever the values' headings
    const panels = grid([
      ['收入', '<', '支出', '<', '<'],
      ['项目', '金额', '项目', '合计', '一般公共预算财政拨款'],
      ['一、一般公共预算财政拨款', '474.06', '一、一般公共服务支出', '378.56', '378.56'],
    ]);
    const p = interpretGrid(panels);
    expect(p.cells.map((c) => `${c.panel}|${c.row_name}|${c.column}`)).toEqual([
      '收入|一、一般公共预算财政拨款|金额',
      '支出|一、一般公共服务支出|合计',
      '支出|一、一般公共服务支出|一般公共预算财政拨款',
    ]);
  });

  it('finds the panels of a table whose rows are numbered in a 序号 column before them', () => {
    const g = grid([
      ['序号', '收入', '<', '支出', '<'],
      ['^', '项目', '预算数', '项目', '预算数'],
      ['1', '一、财政拨款', '18999011.66', '一、一般公共服务支出', '0.00'],
    ]);
    const r = interpretGrid(g);
    expect(r.cells.map((c) => `${c.panel}|${c.row_name}|${c.column}`)).toEqual([
      '收入|一、财政拨款|预算数',
      '支出|一、一般公共服务支出|预算数',
    ]);
  });

  it('keeps a description column (项目简介) out of the row name', () => {
    const g = grid([
      ['单位（项目）名称', '项目金额', '项目简介'],
      ['困难群众救助资金', '246,950,000.00', '困难群众救助资金包括：城市居民最低生活保障金'],
    ]);
    expect(interpretGrid(g).cells.map((c) => `${c.row_name}|${c.column}`)).toEqual(['困难群众救助资金|项目金额']);
  });

  it('takes a code printed in brackets before the name as the row code', () => {
    const g = grid([
      ['科目名称', '金额'],
      ['[201]一般公共服务支出', '15.00'],
      ['【20105】统计信息事务', '15.00'],
      ['(2010501)行政运行', '15.00'],
      ['[201一般公共服务支出', '1.00'],
    ]);
    const r = interpretGrid(g);
    expect(r.cells.map((c) => `${c.row_code}|${c.row_name}`)).toEqual([
      '201|一般公共服务支出',
      '20105|统计信息事务',
      '2010501|行政运行',
      '|[201一般公共服务支出',
    ]);
  });

  it('joins 类 | 款 | 项 codes whose 款 and 项 headings could not be read (a scan)', () => {
    const g = grid([
      ['类', '二', '', '科目名称', '金额'],
      ['201', '03', '02', '一般行政管理事务', '15.00'],
      ['201', '03', '', '政府办公厅（室）及相关机构事务', '15.00'],
      ['201', '', '', '一般公共服务支出', '15.00'],
    ]);
    const r = interpretGrid(g);
    expect(r.cells.map((c) => `${c.row_code}|${c.column}`)).toEqual(['2010302|金额', '20103|金额', '201|金额']);
  });

  it('reads the basic-expenditure table printed as three groups', () => {
    const g = grid([
      ['科目代码', '科目名称', '决算数', '科目代码', '科目名称', '决算数', '科目代码', '科目名称', '决算数'],
      ['301', '工资福利支出', '336.53', '302', '商品和服务支出', '49.12', '310', '资本性支出', '2.79'],
      ['人员经费合计', '<', '336.53', '公用经费合计', '<', '51.91', '', '', ''],
    ]);
    const r = interpretGrid(g);
    expect(r.cells.map((c) => `${c.row_code}|${c.row_name}|${c.value}`)).toEqual([
      '301|工资福利支出|336.53',
      '302|商品和服务支出|49.12',
      '310|资本性支出|2.79',
      '|人员经费合计|336.53',
      '|公用经费合计|51.91',
    ]);
    expect(r.cells.every((c) => c.panel === '')).toBe(true);
  });

  it('writes no cells for an empty table with a note', () => {
    const g = grid([
      ['项目', '<', '本年支出'],
      ['科目代码', '科目名称', '小计'],
      ['', '合计', ''],
      ['本部门无国有资本经营预算财政拨款支出，故本表为空表。', '<', '<'],
    ]);
    expect(interpretGrid(g).cells).toEqual([]);
  });
});
