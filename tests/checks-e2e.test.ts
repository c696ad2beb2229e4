/** A published inconsistency is reported, never hidden, and never "corrected". */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { extract } from '../src/index.js';
import { renderPdf } from './fixtures/disclosure.js';
import { FIXTURES } from './fixtures/models.js';

it('a document whose 类 row disagrees with its 款 rows gets status warnings and a failing check', async () => {
  const base = FIXTURES[0];
  const tables = base.doc.tables.map((t) =>
    t.number === '03'
      ? { ...t, body: t.body.map((r) => (r[0] === '201' ? [r[0], r[1], '999.99', r[3], r[4]] : r)) }
      : t,
  );
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'gongkai-')), 'tampered.pdf');
  writeFileSync(file, renderPdf({ ...base.doc, tables }, base.narrative));
  const doc = await extract(file);
  expect(doc.status).toBe('warnings');
  const failed = doc.checks.filter((c) => c.status === 'fail');
  expect(failed.some((c) => c.rule === 'hierarchy.function' && c.message.includes('201'))).toBe(true);
  // the printed value is kept as printed
  const cell = doc.tables
    .find((t) => t.number === '03')!
    .cells.find((c) => c.row_code === '201' && c.column === '本年支出合计');
  expect(cell?.value).toBe('999.99');
});

async function extractModel(doc: (typeof FIXTURES)[0]['doc'], narrative: string[]) {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'gongkai-')), 'tampered.pdf');
  writeFileSync(file, renderPdf(doc, narrative));
  return extract(file);
}

it('a 三公 合计 off by 1.00 is flagged by the 三公 rule', async () => {
  const base = FIXTURES[0];
  // 决算数 row: 合计 is column 1; add 1.00 万元 to it
  const tables = base.doc.tables.map((t) =>
    t.title.includes('三公')
      ? {
          ...t,
          body: t.body.map((r) => (r[0] === '决算数' ? [r[0], (Number(r[1]) + 1).toFixed(2), ...r.slice(2)] : r)),
        }
      : t,
  );
  const doc = await extractModel({ ...base.doc, tables }, base.narrative);
  expect(doc.status).toBe('warnings');
  const failed = doc.checks.filter((c) => c.status === 'fail');
  const three = failed.find((c) => c.rule === 'three-public.items');
  expect(three?.difference).toBe('-1.00');
  expect(three?.message).toContain('决算数');
  // and the narrative, which states the untampered figure, now disagrees with the table too
  expect(failed.some((c) => c.rule === 'narrative.tables' && c.message.includes('三公'))).toBe(true);
});

it('a narrative figure that differs from the tables is flagged, pointing at the page of the text', async () => {
  const base = FIXTURES[0];
  const narrative = base.narrative.map((l) =>
    l.replace(/人员经费(\d+\.\d+)万元/, (_, v) => `人员经费${(Number(v) + 1).toFixed(2)}万元`),
  );
  expect(narrative).not.toEqual(base.narrative);
  const doc = await extractModel(base.doc, narrative);
  const failed = doc.checks.filter((c) => c.status === 'fail');
  expect(failed.map((c) => c.rule)).toEqual(['narrative.tables']);
  expect(failed[0].message).toContain('人员经费');
  expect(failed[0].difference).toBe('-1.00');
  // the narrative page comes before the first table's page
  const textPage = failed[0].cells.find((c) => c.table === 'text')?.page ?? 0;
  expect(textPage).toBeGreaterThan(0);
  expect(textPage).toBeLessThan(Math.min(...doc.tables.flatMap((t) => t.pages)));
  expect(doc.status).toBe('warnings');
});

it('the untouched fixtures pass every rule', async () => {
  for (const f of FIXTURES) {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'gongkai-')), `${f.name}.pdf`);
    writeFileSync(file, renderPdf(f.doc, f.narrative));
    const doc = await extract(file);
    expect(doc.checks.filter((c) => c.status === 'fail').map((c) => c.message)).toEqual([]);
    expect(doc.checks.length).toBeGreaterThan(0);
    expect(doc.status).toBe('ok');
  }
});

it('every figure the fixture narrative states is compared with a table', async () => {
  const doc = await extractModel(FIXTURES[0].doc, FIXTURES[0].narrative);
  expect(doc.narrative.map((f) => f.key).sort()).toEqual([
    'expense.basic',
    'expense.current',
    'expense.project',
    'gpb.basic',
    'gpb.personnel',
    'gpb.public',
    'three.final',
    'total',
  ]);
  const narrativeChecks = doc.checks.filter((c) => c.rule === 'narrative.tables');
  expect(narrativeChecks.length).toBe(8);
  expect(narrativeChecks.every((c) => c.status === 'pass')).toBe(true);
});
