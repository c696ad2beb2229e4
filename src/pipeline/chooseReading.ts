/**
 * Checks steer the reading, never the values: where a table can be put together more than one
 * way (here: how a continuation page's columns lie on the first page's), build each reading, run
 * the table's own identities, and keep the one with the fewest failures. The choice is written in
 * the table's notes; a tie keeps the default reading.
 */
import { runChecks } from '../check/runChecks.js';
import type { Grid } from '../reconstruct/grid.js';
import { defaultMapping, stitchPages, type ColumnMapping, type Stitched } from '../reconstruct/stitchPages.js';
import { numberTables, type TableDraft } from './buildTable.js';

const MAPPINGS: ColumnMapping[] = ['overlap', 'left', 'right'];

/** Failing checks of one table read on its own. */
export function failingChecks(draft: TableDraft): number {
  const tables = numberTables([draft], draft.unit ?? '万元');
  return runChecks({ tables, narrative: [] }).filter((c) => c.status === 'fail').length;
}

export function stitchByChecks(grids: Grid[], draft: Omit<TableDraft, 'grid' | 'notes'>): { grid: Grid; notes: string[] } {
  const first = stitchPages(grids);
  if (!first.ambiguous.length) return first;
  const chosen = new Map<number, ColumnMapping>();
  const score = (s: Stitched) => failingChecks({ ...draft, grid: s.grid, notes: [] });
  let best = first;
  let bestScore = score(first);
  const decisions: string[] = [];
  // one continuation page at a time, the others as already chosen
  for (const gi of first.ambiguous) {
    const fallback = defaultMapping(grids[gi], grids[0]);
    const before = bestScore;
    const tried: string[] = [];
    let pick: ColumnMapping = fallback;
    for (const how of MAPPINGS) {
      if (how === fallback || (how === 'overlap' && !(grids[gi].colX && grids[0].colX))) continue;
      const s = stitchPages(grids, (i) => (i === gi ? how : chosen.get(i)));
      const n = score(s);
      tried.push(`${how}: ${n}`);
      if (n < bestScore) {
        best = s;
        bestScore = n;
        pick = how;
      }
    }
    chosen.set(gi, pick);
    if (pick !== fallback) decisions.push(`page ${pageOf(grids[gi])}: columns laid ${pick === 'right' ? 'right-aligned' : pick === 'left' ? 'left-aligned' : 'by position'} instead of ${fallback}, the reading whose checks hold (failing checks — ${fallback}: ${before}, ${tried.join(', ')})`);
  }
  return { grid: best.grid, notes: [...best.notes, ...decisions.map((d) => `chosen by checks: ${d}`)] };
}

function pageOf(g: Grid): number | string {
  for (const r of g.rows) for (const c of r) if (c?.page) return c.page;
  return '?';
}
