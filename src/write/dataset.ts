/**
 * The dataset is rebuilt from the per-document results at the end of every run: CSV files are
 * streamed one document at a time into temp files and renamed into place, so a run killed at any
 * moment leaves the previous dataset or the new one, never half of one.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { DocumentResult } from '../schema.js';
import { writeAtomic } from './atomic.js';
import { CELL_COLUMNS, CHECK_COLUMNS, DOCUMENT_COLUMNS, TABLE_COLUMNS, cellRows, checkRows, documentRow, tableRows } from './csv.js';

/** documents/<sha256>.json — the full typed result with provenance, keyed by the file's content. */
export function resultPath(outDir: string, sha256: string): string {
  return path.join(outDir, 'documents', `${sha256}.json`);
}

export async function writeResult(outDir: string, doc: DocumentResult): Promise<void> {
  await writeAtomic(resultPath(outDir, doc.sha256), JSON.stringify(doc));
}

/** One entry of the dataset: a result (or how to load it) and what the run knows beside it. */
export interface DatasetEntry {
  load(): Promise<DocumentResult>;
  /** the name the document is listed under in this run */
  name: string;
  /** other names with the same bytes */
  alsoNamed: string[];
  /** the manifest's columns for this file */
  metadata: Record<string, string>;
}

class CsvFile {
  private constructor(
    private file: string,
    private tmp: string,
    private handle: Awaited<ReturnType<typeof open>>,
    private columns: readonly string[],
  ) {}
  static async create(file: string, columns: readonly string[]): Promise<CsvFile> {
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    const handle = await open(tmp, 'w');
    await handle.write(stringify([columns as string[]]));
    return new CsvFile(file, tmp, handle, columns);
  }
  async write(rows: Record<string, unknown>[]): Promise<void> {
    if (rows.length) await this.handle.write(stringify(rows, { columns: [...this.columns], quoted_match: /[",\r\n]/ }));
  }
  async commit(): Promise<void> {
    await this.handle.close();
    await rename(this.tmp, this.file);
  }
  async abort(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await rm(this.tmp, { force: true });
  }
}

export interface DatasetSummary {
  documents: number;
  cells: number;
  checks: number;
}

/** documents.csv, tables.csv, cells.csv, checks.csv (in the order of `entries`). */
export async function writeDatasetCsv(outDir: string, entries: DatasetEntry[]): Promise<DatasetSummary> {
  await mkdir(outDir, { recursive: true });
  const metaColumns = [...new Set(entries.flatMap((e) => Object.keys(e.metadata)))].filter((c) => !(DOCUMENT_COLUMNS as readonly string[]).includes(c));
  const files = {
    documents: await CsvFile.create(path.join(outDir, 'documents.csv'), [...DOCUMENT_COLUMNS, 'also_named', ...metaColumns]),
    tables: await CsvFile.create(path.join(outDir, 'tables.csv'), TABLE_COLUMNS),
    cells: await CsvFile.create(path.join(outDir, 'cells.csv'), CELL_COLUMNS),
    checks: await CsvFile.create(path.join(outDir, 'checks.csv'), CHECK_COLUMNS),
  };
  const summary: DatasetSummary = { documents: 0, cells: 0, checks: 0 };
  try {
    for (const e of entries) {
      const d = { ...(await e.load()), document: e.name };
      await files.documents.write([documentRow(d, { also_named: e.alsoNamed.join(';'), ...e.metadata })]);
      await files.tables.write(tableRows(d));
      const cells = cellRows(d);
      await files.cells.write(cells);
      const checks = checkRows(d);
      await files.checks.write(checks);
      summary.documents++;
      summary.cells += cells.length;
      summary.checks += checks.length;
    }
    for (const f of Object.values(files)) await f.commit();
  } catch (err) {
    for (const f of Object.values(files)) await f.abort();
    throw err;
  }
  return summary;
}
