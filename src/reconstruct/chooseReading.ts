/**
 * Checks steer the reading, never the values: where a table can be put together more than one
 * way (here: how a continuation page's columns lie on the first page's), build each reading, score
 * it (the pipeline passes the table's own identities, src/check/scoreReading.ts: failures), and keep
 * the one with the lowest score. The choice is written in the table's notes; a tie keeps the
 * default reading.
 */
import type { TableDraft } from '../model/draft.js';
import type { Grid } from '../model/grid.js';
import { info, type Message } from '../model/message.js';
import { defaultMapping, stitchPages, type ColumnMapping, type Stitched } from './stitchPages.js';

const MAPPINGS: ColumnMapping[] = ['overlap', 'left', 'right'];

/** How bad one reading of a table is (lower is better): the pipeline passes the failing checks. */
export type ScoreReading = (draft: TableDraft) => number;

/** Stitch a table's page grids, choosing among ambiguous readings by `failures`. */
export function stitchByChecks(
  grids: Grid[],
  draft: Omit<TableDraft, 'grid' | 'messages'>,
  failures: ScoreReading,
): { grid: Grid; messages: Message[] } {
  const first = stitchPages(grids);
  if (!first.ambiguous.length) return first;
  const chosen = new Map<number, ColumnMapping>();
  const score = (s: Stitched) => failures({ ...draft, grid: s.grid, messages: [] });
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
    if (pick !== fallback)
      decisions.push(
        `page ${pageOf(grids[gi])}: columns laid ` +
          `${pick === 'right' ? 'right-aligned' : pick === 'left' ? 'left-aligned' : 'by position'} instead of ` +
          `${fallback}, the reading whose checks hold (failing checks — ${fallback}: ${before}, ${tried.join(', ')})`,
      );
  }
  return {
    grid: best.grid,
    messages: [...best.messages, ...decisions.map((d) => info('chosen-by-checks', `chosen by checks: ${d}`))],
  };
}

function pageOf(g: Grid): number | string {
  for (const r of g.rows) for (const c of r) if (c?.page) return c.page;
  return '?';
}
