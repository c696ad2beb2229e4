/**
 * One model, any format: the same disclosure as PDF, DOCX, XLSX, and (through LibreOffice) DOC,
 * WPS and XLS gives the same cells, page aside.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { extract, type DocumentResult } from '../src/index.js';
import { diffCells, type Expected } from './compare.js';
import { FIXTURES } from './fixtures/models.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.join(root, 'corpus');
const office = path.join(root, 'tests', 'fixtures', 'office');
const hasSoffice = (() => {
  try {
    execFileSync(process.env.GONGKAI_SOFFICE || 'soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
})();

const cellKeys = (d: DocumentResult) =>
  d.tables
    .flatMap((t) =>
      t.cells.map((c) => [c.table, c.panel, c.row_code, c.row_name, c.column, c.value, c.unit].join(' | ')),
    )
    .sort();

describe.each(FIXTURES.map((f) => f.name))('%s', (name) => {
  const expected = JSON.parse(readFileSync(path.join(corpus, `${name}.expected.json`), 'utf8')) as Expected;
  let pdfKeys: string[] | undefined;
  const check = async (file: string, format: DocumentResult['format']) => {
    const doc = await extract(file);
    expect(doc.error).toBeNull();
    expect(doc.format).toBe(format);
    expect({ kind: doc.kind, year: doc.year, entity: doc.entity, unit: doc.unit }).toEqual({
      kind: expected.kind,
      year: expected.year,
      entity: expected.entity,
      unit: expected.unit,
    });
    const { missing, extra } = diffCells(doc, expected);
    expect(missing).toEqual([]);
    expect(extra).toEqual([]);
    expect(doc.checks.filter((c) => c.status === 'fail')).toEqual([]);
    pdfKeys ??= cellKeys(await extract(path.join(corpus, `${name}.pdf`)));
    expect(cellKeys(doc)).toEqual(pdfKeys);
    return doc;
  };

  it('DOCX gives the PDF’s cells, each with its table, row and column in the file', async () => {
    const doc = await check(path.join(corpus, `${name}.docx`), 'docx');
    for (const t of doc.tables) for (const c of t.cells) expect(c.source && c.page === null).toBeTruthy();
  });

  it('XLSX gives the PDF’s cells, each with its sheet, row and column', async () => {
    const doc = await check(path.join(corpus, `${name}.xlsx`), 'xlsx');
    for (const t of doc.tables)
      for (const c of t.cells) expect(c.source?.sheet && c.source.row > 0 && c.source.col > 0).toBeTruthy();
  });

  it.runIf(hasSoffice)('DOC and XLS (converted by LibreOffice) give the PDF’s cells', async () => {
    const doc = await check(path.join(office, `${name}.doc`), 'doc');
    expect(doc.notes.some((n) => n.includes('LibreOffice'))).toBe(true);
    await check(path.join(office, `${name}.xls`), 'xls');
  });
});

describe('legacy and misnamed files', () => {
  afterEach(() => {
    delete process.env.GONGKAI_SOFFICE;
  });

  it.runIf(hasSoffice)('a WPS Writer file is read like a DOC', async () => {
    const doc = await extract(path.join(office, `${FIXTURES[0].name}.wps`));
    expect(doc.format).toBe('wps');
    expect(doc.tables.length).toBe(FIXTURES[0].doc.tables.length);
  });

  it('without LibreOffice a DOC fails with converter-missing and says what to install', async () => {
    process.env.GONGKAI_SOFFICE = path.join(root, 'no-such-soffice');
    const doc = await extract(path.join(office, `${FIXTURES[1].name}.doc`));
    expect(doc.error?.code).toBe('converter-missing');
    expect(doc.error?.message).toMatch(/apt-get install libreoffice/);
  });

  it('is read by content, not by extension, and says so', async () => {
    const pdf = await extract(path.join(office, 'really-a-pdf.docx'));
    expect(pdf.format).toBe('pdf');
    expect(pdf.notes).toContain('named .docx but its content is PDF; read as PDF');
    const docx = await extract(path.join(office, 'really-a-docx.doc'));
    expect(docx.format).toBe('docx');
    expect(docx.tables.length).toBeGreaterThan(0);
  });

  it('has the legacy fixtures (made by npm run fixtures with LibreOffice)', () => {
    for (const f of FIXTURES)
      for (const ext of ['doc', 'xls']) expect(existsSync(path.join(office, `${f.name}.${ext}`))).toBe(true);
  });
});
