/**
 * Writes the project's own sample documents into corpus/ (PDF plus *.expected.json with the cells
 * the model contains) and the bad-input samples into tests/fixtures/bad/. Run: npm run fixtures
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expectedCells, renderPdf } from '../tests/fixtures/disclosure.js';
import { FIXTURES } from '../tests/fixtures/models.js';
import { renderDocx, renderXlsx } from '../tests/fixtures/officeWriters.js';
import { zipBomb } from '../tests/fixtures/zipBomb.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.join(root, 'corpus');
mkdirSync(corpus, { recursive: true });

for (const f of FIXTURES) {
  const pdf = renderPdf(f.doc, f.narrative);
  writeFileSync(path.join(corpus, `${f.name}.pdf`), pdf);
  const expected = {
    document: `${f.name}.pdf`,
    kind: f.doc.kind,
    year: f.doc.year,
    entity: f.doc.entity,
    unit: f.doc.tables[0].unit,
    tables: [...new Set(f.doc.tables.map((t) => t.number))],
    cells: expectedCells(f.doc),
  };
  writeFileSync(path.join(corpus, `${f.name}.expected.json`), JSON.stringify(expected, null, 1) + '\n');
  // the same disclosure as Word and Excel files (one workbook with a sheet per table, the others
  // with every table on one sheet)
  writeFileSync(path.join(corpus, `${f.name}.docx`), await renderDocx(f.doc, f.narrative));
  writeFileSync(
    path.join(corpus, `${f.name}.xlsx`),
    await renderXlsx(f.doc, f.narrative, f.name.startsWith('borderless')),
  );
  console.log(`corpus/${f.name}.{pdf,docx,xlsx}: ${expected.cells.length} cells in ${expected.tables.length} tables`);
}

// legacy formats, converted by LibreOffice from the DOCX / XLSX above (kept in tests/, not corpus/,
// so `npm start` needs no LibreOffice); a WPS Writer file shares the Word 97 format
const office = path.join(root, 'tests', 'fixtures', 'office');
mkdirSync(office, { recursive: true });
try {
  const profile = `-env:UserInstallation=file://${path.join(os.tmpdir(), `gongkai-fixtures-${process.pid}`)}`;
  for (const [from, to] of [
    ['docx', 'doc'],
    ['xlsx', 'xls'],
  ]) {
    const inputs = FIXTURES.map((f) => path.join(corpus, `${f.name}.${from}`));
    execFileSync('soffice', [profile, '--headless', '--convert-to', to, '--outdir', office, ...inputs], {
      stdio: 'ignore',
    });
  }
  copyFileSync(path.join(office, `${FIXTURES[0].name}.doc`), path.join(office, `${FIXTURES[0].name}.wps`));
  console.log(`tests/fixtures/office: ${FIXTURES.length} × .doc, .xls (LibreOffice), 1 × .wps`);
} catch {
  console.warn('soffice not found: tests/fixtures/office/*.doc, *.xls not made (install LibreOffice)');
}
// named by the wrong extension: read by content
copyFileSync(path.join(corpus, `${FIXTURES[1].name}.pdf`), path.join(office, 'really-a-pdf.docx'));
copyFileSync(path.join(corpus, `${FIXTURES[1].name}.docx`), path.join(office, 'really-a-docx.doc'));

// bad inputs: each must fail with its own code while the batch goes on
const bad = path.join(root, 'tests', 'fixtures', 'bad');
rmSync(bad, { recursive: true, force: true });
mkdirSync(bad, { recursive: true });
const good = renderPdf(FIXTURES[0].doc, FIXTURES[0].narrative);
writeFileSync(path.join(bad, 'empty.pdf'), Buffer.alloc(0));
writeFileSync(path.join(bad, 'not-a-pdf.pdf'), 'This is a plain text file that claims to be a PDF.\n');
writeFileSync(path.join(bad, 'truncated.pdf'), good.subarray(0, 400));
const noTables = renderPdf({ ...FIXTURES[0].doc, tables: [] }, ['本文件只有说明，没有公开表格。']);
writeFileSync(path.join(bad, 'no-tables.pdf'), noTables);
writeFileSync(path.join(bad, 'zip-bomb.docx'), zipBomb('word/document.xml', 64 * 2 ** 20));
writeFileSync(
  path.join(bad, 'blank-pages.pdf'),
  renderPdf({ ...FIXTURES[0].doc, entity: '', tables: [] }, [])
    .toString('latin1')
    .replace(/BT [^\n]*ET\n?/g, ''),
  'latin1',
);
// an encrypted copy, made with qpdf when it is installed (the committed file is used otherwise)
const enc = path.join(bad, 'encrypted.pdf');
try {
  const src = path.join(bad, '.plain.pdf');
  writeFileSync(src, good);
  execFileSync('qpdf', ['--encrypt', 'user-secret', 'owner-secret', '256', '--', src, enc]);
  rmSync(src);
} catch {
  if (!existsSync(enc)) console.warn('qpdf not found: tests/fixtures/bad/encrypted.pdf not made');
}
console.log(
  `tests/fixtures/bad: ` +
    `${['empty', 'not-a-pdf', 'truncated', 'no-tables', 'blank-pages', 'encrypted', 'zip-bomb'].join(', ')}`,
);
