/** Write a run's outputs: one JSON per document, then the CSV files rebuilt from all of them. */
import path from 'node:path';
import type { DocumentResult } from '../schema.js';
import { writeAtomic } from './atomic.js';
import { CELL_COLUMNS, CHECK_COLUMNS, DOCUMENT_COLUMNS, cellRows, checkRows, documentRow, toCsv } from './csv.js';

/** documents/<safe name>.json — the full typed result with provenance. */
export function documentJsonPath(outDir: string, doc: { document: string }): string {
  const safe = doc.document.replace(/[\\/]/g, '__').replace(/[\0-\x1f<>:"|?*]/g, '_');
  return path.join(outDir, 'documents', `${safe}.json`);
}

export async function writeDocumentJson(outDir: string, doc: DocumentResult): Promise<void> {
  await writeAtomic(documentJsonPath(outDir, doc), JSON.stringify(doc, null, 1));
}

export async function writeDatasetCsv(outDir: string, docs: DocumentResult[]): Promise<void> {
  const sorted = [...docs].sort((a, b) => (a.document < b.document ? -1 : a.document > b.document ? 1 : 0));
  await writeAtomic(path.join(outDir, 'documents.csv'), toCsv(DOCUMENT_COLUMNS, sorted.map((d) => documentRow(d))));
  await writeAtomic(path.join(outDir, 'cells.csv'), toCsv(CELL_COLUMNS, sorted.flatMap(cellRows)));
  await writeAtomic(path.join(outDir, 'checks.csv'), toCsv(CHECK_COLUMNS, sorted.flatMap(checkRows)));
}
