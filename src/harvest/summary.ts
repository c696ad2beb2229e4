/** A document's result in brief: what crosses back from a worker (kept free of parser imports). */
import type { DocumentResult } from '../model/schema.js';

/** What the main thread needs for progress and the summary. */
export type DocumentSummary = Pick<DocumentResult, 'document' | 'status' | 'error' | 'pages' | 'seconds'> & {
  tables: number;
  cells: number;
};

export function summarize(r: DocumentResult): DocumentSummary {
  return {
    document: r.document,
    status: r.status,
    error: r.error,
    pages: r.pages,
    seconds: r.seconds,
    tables: r.tables.length,
    cells: r.tables.reduce((n, t) => n + t.cells.length, 0),
  };
}
