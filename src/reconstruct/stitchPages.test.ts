import { describe, expect, it } from 'vitest';
import type { Grid, GridCell } from '../model/grid.js';
import { interpretGrid } from './interpretGrid.js';
import { stitchPages } from './stitchPages.js';

const cell = (text: string, page: number): GridCell => ({ text, page, bbox: null });

describe('stitchPages', () => {
  it('lets a continuation page’s label printed across several columns label each of them', () => {
    // 收入 | 支出 by function | 支出 by use: six columns on the first page
    const h = (t: string) => cell(t, 1);
    const [inc, fn, use] = [h('收入'), h('支出功能分类'), h('支出用途')];
    const first: Grid = {
      method: 'rules',
      colX: [
        [0, 100],
        [100, 160],
        [160, 260],
        [260, 320],
        [320, 420],
        [420, 480],
      ],
      rows: [
        [inc, inc, fn, fn, use, use],
        [h('项目'), h('金额'), h('项目'), h('金额'), h('项目'), h('金额')],
        [h('一、财政拨款'), h('10.00'), h('一、一般公共服务支出'), h('10.00'), h('一、基本支出'), h('10.00')],
      ],
    };
    // the last page prints 支出合计 once, across both 支出 label columns, with one figure at the right
    const next: Grid = {
      method: 'rules',
      colX: [
        [0, 100],
        [100, 160],
        [160, 420],
        [420, 480],
      ],
      rows: [[cell('收入合计', 2), cell('10.00', 2), cell('支出合计', 2), cell('10.00', 2)]],
    };
    const { grid } = stitchPages([first, next]);
    const cells = interpretGrid(grid).cells.filter((c) => c.cell.page === 2);
    expect(cells.map((c) => `${c.panel}|${c.row_name}|${c.value}`)).toEqual([
      '收入|收入合计|10.00',
      '支出用途|支出合计|10.00',
    ]);
  });
});
