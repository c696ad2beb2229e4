import { describe, expect, it } from 'vitest';
import { CATALOG } from '../locate/catalog.js';
import type { Grid, GridCell } from '../model/grid.js';
import { numberTables } from '../reconstruct/buildTable.js';
import { stitchByChecks } from '../reconstruct/chooseReading.js';
import { stitchPages } from '../reconstruct/stitchPages.js';
import { failingChecks } from './scoreReading.js';

const grid = (page: number, rows: string[][]): Grid => ({
  method: 'alignment',
  rows: rows.map((r, i) =>
    r.map((text, j): GridCell | null =>
      text ? { text, page, bbox: [j * 50, i * 15, j * 50 + 40, i * 15 + 12] } : null,
    ),
  ),
});
const entry = CATALOG.find((e) => e.id === 'final.expense')!;
const draft = { entry, title: '支出决算表', unit: '万元' as const, pages: [1, 2] };

// page 1 has a code column; page 2 prints no codes, and its rows come with one column fewer
const first = grid(1, [
  ['科目编码', '科目名称', '本年支出合计', '基本支出', '项目支出'],
  ['', '合计', '30.00', '20.00', '10.00'],
  ['201', '一般公共服务支出', '30.00', '20.00', '10.00'],
]);
const next = grid(2, [
  ['其他支出', '20.00', '12.00', '8.00'],
  ['其他支出（补充）', '0.00', '0.00', '0.00'],
]);

describe('stitchByChecks', () => {
  it('keeps the default reading when nothing is ambiguous', () => {
    const same = grid(2, [['', '其他支出', '20.00', '12.00', '8.00']]);
    const out = stitchByChecks([first, same], draft, failingChecks);
    expect(out.messages.some((m) => m.text.startsWith('chosen by checks'))).toBe(false);
  });

  it('lays a narrower continuation page the way whose row totals hold, and says so', () => {
    // the default (left-aligned) puts 30.00 under 科目名称 and the figures one column off
    const plain = stitchPages([first, next]);
    const plainCells = numberTables([{ ...draft, grid: plain.grid, messages: [] }], '万元').value[0].cells;
    expect(plainCells.find((c) => c.row_name === '其他支出' && c.column === '本年支出合计')).toBeUndefined();

    const chosen = stitchByChecks([first, next], draft, failingChecks);
    const cells = numberTables([{ ...draft, ...chosen }], '万元').value[0].cells;
    const row = cells.filter((c) => c.row_name === '其他支出').map((c) => `${c.column}=${c.value}`);
    expect(row).toEqual(['本年支出合计=20.00', '基本支出=12.00', '项目支出=8.00']);
    expect(chosen.messages.find((m) => m.text.startsWith('chosen by checks'))?.text).toMatch(
      /page 2: columns laid right-aligned/,
    );
  });
});
