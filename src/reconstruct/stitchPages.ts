/**
 * A table printed over several pages is one table: continuation grids lose a repeated header and
 * their columns are mapped onto the first page's columns (by position when widths agree, by
 * horizontal overlap when they do not).
 */
import { rectangular, type Grid, type GridCell } from './grid.js';
import { cellText, findHeaderEnd, isNumberingRow } from './interpretGrid.js';

function rowKey(row: (GridCell | null)[]): string {
  const seen = new Set<GridCell>();
  const parts: string[] = [];
  for (const c of row) if (c && !seen.has(c)) (seen.add(c), parts.push(cellText(c)));
  return parts.filter(Boolean).join('|');
}

export function stitchPages(grids: Grid[]): { grid: Grid; notes: string[] } {
  const notes: string[] = [];
  const master = { ...grids[0], rows: rectangular(grids[0].rows) };
  const width = master.rows[0]?.length ?? 0;
  const headerEnd = findHeaderEnd(master.rows);
  const headerKeys = new Set(master.rows.slice(0, headerEnd).map(rowKey));
  for (const g of grids.slice(1)) {
    let rows = rectangular(g.rows);
    // rows before the continuation page's first data row are header rows: drop them, and say so
    // when they do not repeat the first page's header (they may be content read as header)
    const drop = findHeaderEnd(rows);
    const unmatched = rows.slice(0, drop).filter((r) => !headerKeys.has(rowKey(r)) && !isNumberingRow(r)).length;
    if (drop) notes.push(`page ${firstPage(g)}: ${drop} header rows dropped${unmatched ? `, ${unmatched} of them unlike the first page's header (doubtful)` : ''}`);
    rows = rows.slice(drop);
    const w = rows[0]?.length ?? 0;
    let map: number[];
    if (w === width) map = rows[0] ? rows[0].map((_, j) => j) : [];
    else if (g.colX && master.colX) {
      map = g.colX.map(([a, b]) => {
        let best = -1;
        let bestOv = 0;
        master.colX!.forEach(([c, d], j) => {
          const ov = Math.min(b, d) - Math.max(a, c);
          if (ov > bestOv) {
            bestOv = ov;
            best = j;
          }
        });
        return best;
      });
      notes.push(`page ${firstPage(g)}: ${w} columns mapped onto ${width} by position`);
    } else {
      map = Array.from({ length: w }, (_, j) => (j < width ? j : -1));
      notes.push(`page ${firstPage(g)}: ${w} columns against ${width} on the first page`);
    }
    for (const r of rows) {
      const out: (GridCell | null)[] = Array(width).fill(null);
      r.forEach((c, j) => {
        const t = map[j];
        if (t >= 0 && c && !out[t]) out[t] = c;
      });
      master.rows.push(out);
    }
  }
  return { grid: master, notes };
}

function firstPage(g: Grid): number | string {
  for (const r of g.rows) for (const c of r) if (c?.page) return c.page;
  return '?';
}
