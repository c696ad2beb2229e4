/**
 * The dataset is rebuilt from the per-document results at the end of every run: each document's
 * rows (rendered beside its result, see rows.ts) are copied one document at a time into temp
 * files, which are renamed into place, so a run killed at any moment leaves the previous dataset
 * or the new one, never half of one.
 */
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { DocumentResult } from '../model/schema.js';
import { settled, tempPath, writeAtomic } from './atomic.js';
import { CELL_COLUMNS, CHECK_COLUMNS, DOCUMENT_COLUMNS, TABLE_COLUMNS } from './csv.js';
import type { RenderedRows } from './rows.js';

/** documents/<sha256>.json — the full typed result with provenance, keyed by the file's content. */
export function resultPath(outDir: string, sha256: string): string {
  return path.join(outDir, 'documents', `${sha256}.json`);
}

/** Write a document's JSON result, named by its sha256. */
export async function writeResult(outDir: string, doc: DocumentResult): Promise<void> {
  await writeAtomic(resultPath(outDir, doc.sha256), JSON.stringify(doc));
}

/** One entry of the dataset: its rows (or how to get them) and what the run knows beside it. */
export interface DatasetEntry {
  rows(): Promise<RenderedRows>;
  /** the name the document is listed under in this run */
  name: string;
  /** other names with the same bytes (written as a JSON array: a name may hold any character) */
  alsoNamed: string[];
  /** the manifest's columns for this file */
  metadata: Record<string, string>;
}

/**
 * The manifest's columns as documents.csv names them. One that has the name of a column of ours
 * gets a `manifest_` prefix (again, until it is unique), so that a `year` the user kept beside a
 * file never replaces the year the document itself states.
 */
function metadataColumnNames(keys: string[]): string[] {
  const taken = new Set<string>([...DOCUMENT_COLUMNS, 'also_named', ...keys]);
  return keys.map((k) => {
    if (!(DOCUMENT_COLUMNS as readonly string[]).includes(k) && k !== 'also_named') return k;
    let name = `manifest_${k}`;
    while (taken.has(name)) name = `manifest_${name}`;
    taken.add(name);
    return name;
  });
}

class CsvFile {
  private constructor(
    private file: string,
    private tmp: string,
    private handle: Awaited<ReturnType<typeof open>>,
  ) {}
  static async create(file: string, columns: readonly string[]): Promise<CsvFile> {
    const tmp = tempPath(file);
    const handle = await open(tmp, 'w');
    // a byte-order mark: Excel on a Chinese system reads the file as UTF-8 only with it
    await handle.write('\ufeff' + stringify([columns as string[]]));
    return new CsvFile(file, tmp, handle);
  }
  async write(data: string | Uint8Array): Promise<void> {
    if (data.length) await this.handle.write(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
  }
  async commit(): Promise<void> {
    await this.handle.close();
    await rename(this.tmp, this.file);
    settled(this.tmp);
  }
  async abort(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await rm(this.tmp, { force: true });
    settled(this.tmp);
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
  const metaKeys = [...new Set(entries.flatMap((e) => Object.keys(e.metadata)))];
  const files = {
    documents: await CsvFile.create(path.join(outDir, 'documents.csv'), [
      ...DOCUMENT_COLUMNS,
      'also_named',
      ...metadataColumnNames(metaKeys),
    ]),
    tables: await CsvFile.create(path.join(outDir, 'tables.csv'), TABLE_COLUMNS),
    cells: await CsvFile.create(path.join(outDir, 'cells.csv'), CELL_COLUMNS),
    checks: await CsvFile.create(path.join(outDir, 'checks.csv'), CHECK_COLUMNS),
  };
  const summary: DatasetSummary = { documents: 0, cells: 0, checks: 0 };
  try {
    for (const e of entries) {
      const rows = await e.rows();
      // the document's own columns, then the run's: its other names and the manifest's columns
      const runColumns = stringify(
        [[e.alsoNamed.length ? JSON.stringify(e.alsoNamed) : '', ...metaKeys.map((k) => e.metadata[k] ?? '')]],
        { quoted_match: /[",\r\n]/ },
      );
      await files.documents.write(`${rows.documentRecord},${runColumns}`);
      await files.tables.write(rows.tables);
      await files.cells.write(rows.cells);
      await files.checks.write(rows.checks);
      summary.documents++;
      summary.cells += rows.counts.cells;
      summary.checks += rows.counts.checks;
    }
    for (const f of Object.values(files)) await f.commit();
  } catch (err) {
    for (const f of Object.values(files)) await f.abort();
    throw err;
  }
  return summary;
}
