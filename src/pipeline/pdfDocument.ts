/** A PDF's pages → located, reconstructed tables. */
import type { PdfContent } from '../../parsers/types.js';
import { locatePdfTables, pageLines } from '../locate/locatePdf.js';
import type { Grid } from '../reconstruct/grid.js';
import { buildGrid } from '../reconstruct/ruledGrid.js';
import { stitchPages } from '../reconstruct/stitchPages.js';
import type { TableDraft } from './buildTable.js';

export interface DraftDocument {
  drafts: TableDraft[];
  lines: string[];
  entities: string[];
}

export function pdfDrafts(content: PdfContent): DraftDocument {
  const located = locatePdfTables(content.pages);
  const drafts: TableDraft[] = located.map((t) => {
    const grids = t.regions.map((r) => buildGrid(r)).filter((g): g is Grid => g !== null);
    const stitched = grids.length ? stitchPages(grids) : null;
    return {
      entry: t.entry,
      title: t.title,
      code: t.code,
      unit: t.unit,
      pages: [...new Set(t.regions.map((r) => r.page.number))],
      grid: stitched?.grid ?? null,
      notes: stitched?.notes ?? [],
    };
  });
  const lines = content.pages.flatMap((p) => pageLines(p).map((l) => l.text));
  const entities = located.map((t) => t.entity ?? '').filter(Boolean);
  return { drafts, lines, entities };
}
