/**
 * A document's dataset rows, rendered once beside its result (documents/<sha256>.rows) by the
 * worker that read it, so that the dataset rebuild at the end of a run only copies bytes: no JSON
 * to parse, no CSV to render, however many documents the output folder already holds.
 *
 * The file: one JSON line (what the rows were rendered for and their byte lengths), then the
 * document's documents.csv record (its fixed columns only: the run's own columns follow it), its
 * tables.csv, cells.csv and checks.csv records.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { buildFingerprint } from '../model/build.js';
import type { DocumentResult } from '../model/schema.js';
import { writeAtomic } from './atomic.js';
import {
  CELL_COLUMNS,
  CHECK_COLUMNS,
  DOCUMENT_COLUMNS,
  TABLE_COLUMNS,
  cellRows,
  checkRows,
  documentRow,
  tableRows,
} from './csv.js';

/** the CSV records of rows, each with its line end */
const csv = (rows: Record<string, unknown>[], columns: readonly string[]) =>
  rows.length ? stringify(rows, { columns: [...columns], quoted_match: /[",\r\n]/ }) : '';

/**
 * What a rendering depends on besides the result: the build (its code renders the rows), so that
 * rows rendered by other code are rendered again rather than reused.
 */
const format = () => buildFingerprint();

export interface RenderedRows {
  /** the name written in the rows' `document` column */
  document: string;
  /** the documents.csv record's fixed columns, no line end */
  documentRecord: string;
  /** CSV records, each with its line end (as read from the file: its bytes, not decoded) */
  tables: string | Uint8Array;
  cells: string | Uint8Array;
  checks: string | Uint8Array;
  counts: {
    status: DocumentResult['status'];
    cells: number;
    checks: number;
    checksFailed: number;
    checksRounding: number;
  };
}

interface Header {
  format: string;
  sha256: string;
  document: string;
  bytes: number[];
  counts: RenderedRows['counts'];
}

export function rowsPath(outDir: string, sha256: string): string {
  return path.join(outDir, 'documents', `${sha256}.rows`);
}

/** The rows of one document listed under `name`. */
export function renderRows(d: DocumentResult, name: string): RenderedRows {
  const doc = { ...d, document: name };
  const cells = cellRows(doc);
  return {
    document: name,
    documentRecord: csv([documentRow(doc)], DOCUMENT_COLUMNS).replace(/\n$/, ''),
    tables: csv(tableRows(doc), TABLE_COLUMNS),
    cells: csv(cells, CELL_COLUMNS),
    checks: csv(checkRows(doc), CHECK_COLUMNS),
    counts: {
      status: d.status,
      cells: cells.length,
      checks: d.checks.length,
      checksFailed: d.checks.filter((c) => c.status === 'fail').length,
      checksRounding: d.checks.filter((c) => c.status === 'rounding').length,
    },
  };
}

export async function writeRows(outDir: string, sha256: string, rows: RenderedRows): Promise<void> {
  const parts = [rows.documentRecord, rows.tables, rows.cells, rows.checks].map((s) =>
    typeof s === 'string' ? Buffer.from(s, 'utf8') : s,
  );
  const header: Header = {
    format: format(),
    sha256,
    document: rows.document,
    bytes: parts.map((p) => p.length),
    counts: rows.counts,
  };
  await writeAtomic(
    rowsPath(outDir, sha256),
    Buffer.concat([Buffer.from(JSON.stringify(header) + '\n', 'utf8'), ...parts]),
  );
}

/**
 * The stored rows of `sha256` when they were rendered by this code for the name `name`; null when
 * there are none, or they are for another name or version, or the file is not whole.
 */
export async function readRows(outDir: string, sha256: string, name: string): Promise<RenderedRows | null> {
  const buf = await readFile(rowsPath(outDir, sha256)).catch(() => null);
  if (!buf) return null;
  const eol = buf.indexOf(10);
  let header: Header;
  try {
    header = JSON.parse(buf.toString('utf8', 0, eol)) as Header;
  } catch {
    return null;
  }
  if (header.format !== format() || header.sha256 !== sha256 || header.document !== name) return null;
  if (eol + 1 + header.bytes.reduce((a, b) => a + b, 0) !== buf.length) return null;
  const parts: Buffer[] = [];
  let at = eol + 1;
  for (const n of header.bytes) {
    parts.push(buf.subarray(at, at + n));
    at += n;
  }
  const [documentRecord, tables, cells, checks] = parts;
  return {
    document: name,
    documentRecord: documentRecord.toString('utf8'),
    tables,
    cells,
    checks,
    counts: header.counts,
  };
}
