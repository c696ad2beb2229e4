import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Cell, DocumentResult } from '../model/schema.js';
import {
  CELL_COLUMNS,
  CHECK_COLUMNS,
  DOCUMENT_COLUMNS,
  TABLE_COLUMNS,
  cellRows,
  checkRows,
  documentRow,
  tableRows,
  toCsv,
} from './csv.js';
import { readRows, renderRows, rowsPath, writeRows } from './rows.js';

const cell = (row_name: string, value: string): Cell => ({
  table: '01',
  panel: '收入',
  row_code: '',
  row_name,
  column: '决算数',
  column_path: ['决算数'],
  value,
  unit: '万元',
  page: 2,
  bbox: [1, 2, 3, 4],
});

/** A result whose text needs CSV quoting: commas, quotes, a line break inside a field. */
function result(): DocumentResult {
  return {
    tool_version: 't',
    build: 'b',
    document: 'in-the-json.pdf',
    file: '/x/a.pdf',
    format: 'pdf',
    sha256: 'ab'.repeat(32),
    bytes: 10,
    kind: '决算',
    year: 2024,
    entity: '某县"财政"局',
    unit: '万元',
    status: 'warnings',
    error: null,
    pages: 3,
    text_source: 'pdf',
    ocr_pages: [],
    seconds: 1.5,
    narrative: [],
    warnings: ['w'],
    notes: [],
    tables: [
      {
        number: '01',
        numbered_by: 'printed',
        code_printed: '公开01表',
        catalog_id: 'final.summary',
        title: '收入支出决算总表',
        unit: '万元',
        unit_declared: true,
        pages: [2, 3],
        grid_method: 'rules',
        empty: false,
        columns: [],
        cells: [cell('一、财政拨款收入', '12.50'), cell('合计,含"其他"', '-3.00')],
        notes: ['第一行\n第二行'],
      },
    ],
    checks: [
      {
        rule: 'r.one',
        status: 'fail',
        tables: ['01'],
        expected: '9.50',
        actual: '9.40',
        difference: '0.10',
        message: 'row "合计", page 2',
        cells: [],
      },
      {
        rule: 'r.two',
        status: 'rounding',
        tables: ['01', '04'],
        expected: '1.00',
        actual: '1.01',
        difference: '0.01',
        message: 'ok',
        cells: [],
      },
    ],
  };
}

/** Every CSV record of the result under `name`, rendered in one go as the dataset files hold them. */
function direct(d: DocumentResult, name: string) {
  const doc = { ...d, document: name };
  const body = (cols: readonly string[], rows: Record<string, unknown>[]) =>
    toCsv(cols, rows).split('\n').slice(1).join('\n');
  return {
    documentRecord: body(DOCUMENT_COLUMNS, [documentRow(doc)]).replace(/\n$/, ''),
    tables: body(TABLE_COLUMNS, tableRows(doc)),
    cells: body(CELL_COLUMNS, cellRows(doc)),
    checks: body(CHECK_COLUMNS, checkRows(doc)),
  };
}

const text = (s: string | Uint8Array) => (typeof s === 'string' ? s : Buffer.from(s).toString('utf8'));

describe('stored rows', () => {
  it('are the CSV records of the result under the run’s name, read back byte for byte', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'gongkai-rows-'));
    const d = result();
    const rows = renderRows(d, 'dir/a,b.pdf');
    expect(rows.counts).toEqual({ status: 'warnings', cells: 2, checks: 2, checksFailed: 1, checksRounding: 1 });
    await writeRows(out, d.sha256, rows);
    const back = await readRows(out, d.sha256, 'dir/a,b.pdf');
    expect(back).not.toBeNull();
    const want = direct(d, 'dir/a,b.pdf');
    expect({
      documentRecord: back!.documentRecord,
      tables: text(back!.tables),
      cells: text(back!.cells),
      checks: text(back!.checks),
    }).toEqual(want);
    expect(text(back!.cells)).toMatch(/^"?dir\/a,b\.pdf"?,/);
    expect(back!.counts).toEqual(rows.counts);
  });

  it('are not used for another name, another file, other rendering code, or when the file is not whole', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'gongkai-rows-'));
    const d = result();
    await writeRows(out, d.sha256, renderRows(d, 'a.pdf'));
    expect(await readRows(out, d.sha256, 'b.pdf')).toBeNull();
    expect(await readRows(out, 'cd'.repeat(32), 'a.pdf')).toBeNull();
    const file = rowsPath(out, d.sha256);
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.length - 5));
    expect(await readRows(out, d.sha256, 'a.pdf')).toBeNull();
    writeFileSync(file, Buffer.concat([Buffer.from('{not json\n'), bytes.subarray(bytes.indexOf(10) + 1)]));
    expect(await readRows(out, d.sha256, 'a.pdf')).toBeNull();
    // rendered by other code (another version, or this one before a change)
    const header = JSON.parse(bytes.subarray(0, bytes.indexOf(10)).toString('utf8'));
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from(JSON.stringify({ ...header, format: 'other' }) + '\n'),
        bytes.subarray(bytes.indexOf(10) + 1),
      ]),
    );
    expect(await readRows(out, d.sha256, 'a.pdf')).toBeNull();
    writeFileSync(
      file,
      Buffer.concat([Buffer.from(JSON.stringify(header) + '\n'), bytes.subarray(bytes.indexOf(10) + 1)]),
    );
    expect(await readRows(out, d.sha256, 'a.pdf')).not.toBeNull();
  });
});
