import { describe, expect, it } from 'vitest';
import { headerlessValueColumns, stripMarkLines } from './headerChecks.js';

describe('header paths', () => {
  it('leave out a mark line read into the header and say so', () => {
    const paths = [
      ['单位：万部门名称：某某法院元', '合计'],
      ['单位：万部门名称：某某法院元', '“三公”经费', '小计'],
      ['院单位：万元', '金额'],
      ['本年收入合计'],
    ];
    const notes = stripMarkLines(paths);
    expect(paths).toEqual([['合计'], ['“三公”经费', '小计'], ['金额'], ['本年收入合计']]);
    expect(notes.map((m) => m.severity)).toEqual(['info', 'info']);
  });
  it('flag a value column with amounts and no heading', () => {
    const cols = [
      { path: ['项目'], role: 'name' },
      { path: [], role: 'value' },
      { path: ['决算数'], role: 'value' },
    ];
    const found = headerlessValueColumns(cols, (j) => (j === 1 ? 3 : 5));
    expect(found.map((m) => [m.severity, m.text])).toEqual([['warning', 'column 2 holds 3 amounts under no heading']]);
  });
});
