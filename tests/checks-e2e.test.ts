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
    t.number === '03' ? { ...t, body: t.body.map((r) => (r[0] === '201' ? [r[0], r[1], '999.99', r[3], r[4]] : r)) } : t,
  );
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'gongkai-')), 'tampered.pdf');
  writeFileSync(file, renderPdf({ ...base.doc, tables }, base.narrative));
  const doc = await extract(file);
  expect(doc.status).toBe('warnings');
  const failed = doc.checks.filter((c) => c.status === 'fail');
  expect(failed.some((c) => c.rule === 'hierarchy.function' && c.message.includes('201'))).toBe(true);
  // the printed value is kept as printed
  const cell = doc.tables.find((t) => t.number === '03')!.cells.find((c) => c.row_code === '201' && c.column === '本年支出合计');
  expect(cell?.value).toBe('999.99');
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
