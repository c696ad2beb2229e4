/**
 * One table model for every layout: the same disclosure printed with a ruled grid, as a
 * three-line table, as aligned text without rules, with overprinted bold, split 类|款|项 codes
 * without rules, and long tables over pages without repeated headers — each must give exactly the
 * cells of the model. The PDFs are made here, in memory, by the project's own writer.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extract } from '../src/index.js';
import { diffCells } from './compare.js';
import { expectedCells, renderPdf, type DocModel } from './fixtures/disclosure.js';
import {
  LEAVES,
  basicTable,
  emptyFundTable,
  expenseTable,
  gpbExpenseTable,
  incomeTable,
  longLeaves,
  summaryTable,
  sum,
  threePublicTable,
  type Style,
} from './fixtures/models.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gongkai-layouts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const wan: Style = { unit: '万元', separators: false };
const yuan: Style = { unit: '元', separators: true };

function tables(s: Style, split: boolean) {
  const long = longLeaves(12);
  return [
    summaryTable('公开01表', '01', LEAVES, s),
    incomeTable('公开02表', '02', long, s),
    expenseTable('公开03表', '03', LEAVES, s, split),
    gpbExpenseTable('公开04表', '04', long, s),
    basicTable('公开05表', '05', s, sum(LEAVES.map((l) => l.basic))),
    emptyFundTable('公开06表', '06', s, 2023),
    threePublicTable('公开07表', '07', s),
  ];
}

const base = {
  year: 2023,
  kind: '决算' as const,
  landscape: (t: { number: string }) => t.number === '01' || t.number === '05',
};
const LAYOUTS: { name: string; doc: DocModel }[] = [
  {
    name: 'three-line, long tables continued without their header',
    doc: {
      ...base,
      entity: '示例县司法局',
      borders: false,
      threeLine: true,
      rowsPerPage: 9,
      repeatHeader: false,
      tables: tables(yuan, false),
    },
  },
  {
    name: 'three-line, amounts at the middle of wrapped names, headers repeated',
    doc: {
      ...base,
      entity: '示例县水利局',
      borders: false,
      threeLine: true,
      middleAligned: true,
      rowsPerPage: 11,
      repeatHeader: true,
      tables: tables(wan, false),
    },
  },
  {
    name: 'no rules, split 类|款|项 codes, long tables without repeated headers, titles at the foot of a page',
    doc: {
      ...base,
      entity: '示例县财政局',
      titleAtFoot: (t) => t.number === '03' || t.number === '05',
      borders: false,
      rowsPerPage: 10,
      repeatHeader: false,
      tables: tables(wan, true),
    },
  },
  {
    name: 'overprinted bold, no rules',
    doc: {
      ...base,
      entity: '示例县统计局',
      borders: false,
      overprint: true,
      rowsPerPage: 60,
      repeatHeader: true,
      tables: tables(yuan, true),
    },
  },
  {
    name: 'overprinted bold, ruled grid',
    doc: {
      ...base,
      entity: '示例县民政局',
      borders: true,
      overprint: true,
      rowsPerPage: 12,
      repeatHeader: true,
      tables: tables(wan, false),
    },
  },
];

describe.each(LAYOUTS)('$name', ({ name, doc }) => {
  it('yields exactly the cells of the model, under the headings the model prints', async () => {
    const file = path.join(dir, name.replace(/[^a-z]+/g, '-') + '.pdf');
    writeFileSync(file, renderPdf(doc, ['本部门2023年度部门决算情况说明如下。']));
    const result = await extract(file);
    expect(result.error).toBeNull();
    expect(result.entity).toBe(doc.entity);
    const cells = expectedCells(doc);
    const { missing, extra } = diffCells(result, {
      document: file,
      kind: doc.kind,
      year: doc.year,
      entity: doc.entity,
      unit: doc.tables[0].unit,
      tables: [],
      cells,
    });
    if (process.env.LAYOUT_DEBUG) console.log(name, JSON.stringify({ missing, extra }, null, 1));
    expect(missing).toEqual([]);
    expect(extra).toEqual([]);
    // no heading is a mark line, and no value column is left without a heading
    for (const t of result.tables) for (const c of t.cells) expect(c.column).not.toMatch(/单位[:：]|^$/);
  });
});
