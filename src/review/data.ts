/**
 * What the review site shows, from an output folder's per-document results: one small row per
 * document for the index, and per document its tables, cells (with the page boxes they were read
 * from) and checks, each failing check resolved to the cells it names.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DocumentResult } from '../model/schema.js';
import { LOW_CONFIDENCE } from '../ocr/settings.js';

export interface IndexRow {
  sha: string;
  name: string;
  entity: string;
  year: number | null;
  kind: string;
  status: string;
  tables: number;
  checksFailed: number;
  ocrPages: number;
  error: string;
}

export interface ReviewCell {
  id: string;
  table: string;
  panel: string;
  row: string;
  column: string;
  value: string;
  unit: string;
  page: number | null;
  bbox: [number, number, number, number] | null;
  confidence?: number;
  /** read by OCR below the confidence the pipeline flags */
  low: boolean;
  /** where a Word or Excel cell came from */
  source?: string;
}

export interface ReviewCheck {
  rule: string;
  status: string;
  message: string;
  expected: string;
  actual: string;
  difference: string;
  /** the ids of the cells the check names (those found among the extracted cells) */
  cells: string[];
}

export interface ReviewDocument {
  sha: string;
  name: string;
  format: string;
  status: string;
  warnings: string[];
  tables: { number: string; title: string; unit: string; pages: number[]; cells: ReviewCell[] }[];
  checks: ReviewCheck[];
}

/** The results in `outDir/documents/`, in name order; unreadable files are skipped. */
export async function loadResults(outDir: string): Promise<DocumentResult[]> {
  const dir = path.join(outDir, 'documents');
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json'));
  const results = await Promise.all(
    names.map(async (n) => {
      try {
        return JSON.parse(await readFile(path.join(dir, n), 'utf8')) as DocumentResult;
      } catch {
        return null;
      }
    }),
  );
  return results
    .filter((r): r is DocumentResult => r !== null && typeof r.sha256 === 'string')
    .sort((a, b) => (a.document < b.document ? -1 : a.document > b.document ? 1 : 0));
}

export function indexRow(r: DocumentResult): IndexRow {
  return {
    sha: r.sha256,
    name: r.document,
    entity: r.entity ?? '',
    year: r.year ?? null,
    kind: r.kind ?? '',
    status: r.status,
    tables: r.tables.length,
    checksFailed: r.checks.filter((c) => c.status === 'fail').length,
    ocrPages: r.ocr_pages?.length ?? 0,
    error: r.error ? `${r.error.code}: ${r.error.message}` : '',
  };
}

const rowLabel = (code: string, name: string) => `${code ? code + ' ' : ''}${name}`;

export function reviewDocument(r: DocumentResult): ReviewDocument {
  const tables = r.tables.map((t) => ({
    number: t.number,
    title: t.title,
    unit: t.unit,
    pages: t.pages,
    cells: t.cells.map((c, i): ReviewCell => ({
      id: `t${t.number}-${i}`,
      table: t.number,
      panel: c.panel,
      row: rowLabel(c.row_code, c.row_name),
      column: c.column,
      value: c.value,
      unit: c.unit,
      page: c.page,
      bbox: c.bbox,
      confidence: c.confidence,
      low: c.confidence !== undefined && c.confidence < LOW_CONFIDENCE,
      source: c.source
        ? `${c.source.sheet ? `sheet ${c.source.sheet}, ` : `table ${c.source.table + 1}, `}` +
          `row ${c.source.row + 1}, column ${c.source.col + 1}`
        : undefined,
    })),
  }));
  const all = tables.flatMap((t) => t.cells);
  const checks = r.checks.map((c): ReviewCheck => ({
    rule: c.rule,
    status: c.status,
    message: c.message,
    expected: c.expected,
    actual: c.actual,
    difference: c.difference,
    // a check names a cell by its table, row label, column, value and page
    cells: c.cells.flatMap((n) => {
      const hit = all.find(
        (x) =>
          x.table === n.table && x.row === n.row && x.column === n.column && x.value === n.value && x.page === n.page,
      );
      return hit ? [hit.id] : [];
    }),
  }));
  const sha = r.sha256;
  return { sha, name: r.document, format: r.format ?? '', status: r.status, warnings: r.warnings, tables, checks };
}
