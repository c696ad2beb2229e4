/** A PDF's pages → located, reconstructed tables. */
import type { PdfContent } from '../../parsers/types.js';
import { locatePdfTables, pageLines } from '../locate/locatePdf.js';
import type { Grid } from '../reconstruct/grid.js';
import { buildGrid } from '../reconstruct/ruledGrid.js';
import { stitchByChecks } from './chooseReading.js';
import type { TableDraft } from './buildTable.js';

export interface DraftDocument {
  drafts: TableDraft[];
  lines: string[];
  entities: string[];
  /** text outside the tables, per page, for the figures the narrative states */
  passages: { page: number | null; text: string }[];
}

export function pdfDrafts(content: PdfContent): DraftDocument {
  const located = locatePdfTables(content.pages);
  const drafts: TableDraft[] = located.map((t) => {
    const grids = t.regions.map((r) => buildGrid(r)).filter((g): g is Grid => g !== null);
    const base = { entry: t.entry, title: t.title, code: t.code, unit: t.unit, pages: [...new Set(t.regions.map((r) => r.page.number))] };
    const stitched = grids.length ? stitchByChecks(grids, base) : null;
    return { ...base, grid: stitched?.grid ?? null, notes: stitched?.notes ?? [] };
  });
  const perPage = content.pages.map((p) => ({ page: p, lines: pageLines(p) }));
  const lines = perPage.flatMap((p) => p.lines.map((l) => l.text));
  const entities = located.map((t) => t.entity ?? '').filter(Boolean);
  const regions = located.flatMap((t) => t.regions);
  const passages = perPage.map(({ page, lines }) => ({
    page: page.number,
    text: lines
      .filter((l) => !regions.some((r) => r.page === page && l.y0 >= r.top - 1 && l.y1 <= r.bottom + 1))
      .map((l) => l.text)
      .join(''),
  }));
  return { drafts, lines, entities, passages };
}
