/**
 * A table printed over several pages is one table: continuation grids lose a repeated header and
 * their columns are mapped onto the first page's columns (by position when widths agree, by
 * horizontal overlap when they do not).
 */
import { rectangular, uniqueCells, type Grid, type GridCell } from '../model/grid.js';
import { info, warning, type Message } from '../model/message.js';
import { looksLikeAmount } from '../normalize/amount.js';
import { columnsAgree } from './alignedColumns.js';
import { cellText, findHeaderEnd, isNumberingRow } from './interpretGrid.js';

function rowKey(row: (GridCell | null)[]): string {
  return uniqueCells(row).map(cellText).filter(Boolean).join('|');
}

/** How a continuation page whose column count differs is laid onto the first page's columns. */
export type ColumnMapping = 'overlap' | 'left' | 'right';

export interface Stitched {
  grid: Grid;
  /** what was done to the continuation pages (a dropped header row holding amounts is a doubt) */
  messages: Message[];
  /** continuation grids (index into `grids`) whose columns could be mapped more than one way */
  ambiguous: number[];
}

/** The mapping used when nothing else decides: horizontal overlap where positions are known. */
export function defaultMapping(g: Grid, master: Grid): ColumnMapping {
  return g.colX && master.colX ? 'overlap' : 'left';
}

/** One grid from a table's page grids; `choose` picks the column mapping of an ambiguous continuation page. */
export function stitchPages(
  grids: Grid[],
  choose: (index: number) => ColumnMapping | undefined = () => undefined,
): Stitched {
  const ambiguous: number[] = [];
  const messages: Message[] = [];
  const master = { ...grids[0], rows: rectangular(grids[0].rows) };
  const width = master.rows[0]?.length ?? 0;
  const headerEnd = findHeaderEnd(master.rows);
  const headerKeys = new Set(master.rows.slice(0, headerEnd).map(rowKey));
  for (const [gi, g] of grids.entries()) {
    if (gi === 0) continue;
    let rows = rectangular(g.rows);
    // rows before the continuation page's first data row are header rows: drop them, and say so
    // when they do not repeat the first page's header (they may be content read as header)
    const drop = findHeaderEnd(rows);
    // a dropped row that is not the first page's header loses nothing unless it holds an amount
    // (short integers are 行次 numbering)
    const unmatched = rows.slice(0, drop).filter((r) => !headerKeys.has(rowKey(r)) && !isNumberingRow(r));
    const withAmounts = unmatched.filter((r) =>
      r.some((c, j) => c && isSubstantialAmount(cellText(c)) && !isCodeBeforeName(r, j)),
    ).length;
    if (drop) {
      const text =
        `page ${firstPage(g)}: ${drop} header rows dropped` +
        (withAmounts
          ? `, ${withAmounts} of them unlike the first page's header and holding amounts (doubtful)`
          : unmatched.length
            ? `, ${unmatched.length} of them label rows with no amounts`
            : '');
      messages.push(withAmounts ? warning('header-dropped', text) : info('header-dropped', text));
    }
    rows = rows.slice(drop);
    const w = rows[0]?.length ?? 0;
    let map: number[];
    // the first page's columns a continuation column covers at least half of: a label printed across
    // them (支出合计 over both 支出 panels' label columns) labels each, as a merged cell does
    let spans: number[][] = [];
    if (w === width && columnsAgree(g, master)) map = rows[0] ? rows[0].map((_, j) => j) : [];
    else {
      ambiguous.push(gi);
      const how = choose(gi) ?? defaultMapping(g, master);
      if (how === 'overlap' && g.colX && master.colX) {
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
        spans = g.colX.map(([a, b]) =>
          master.colX!.flatMap(([c, d], j) => (Math.min(b, d) - Math.max(a, c) >= (d - c) / 2 ? [j] : [])),
        );
        messages.push(info('columns-mapped', `page ${firstPage(g)}: ${w} columns mapped onto ${width} by position`));
      } else if (how === 'right') {
        map = Array.from({ length: w }, (_, j) => (j + width - w >= 0 && j + width - w < width ? j + width - w : -1));
        messages.push(
          info(
            'columns-mapped',
            `page ${firstPage(g)}: ${w} columns against ${width} on the first page, aligned on the right`,
          ),
        );
      } else {
        map = Array.from({ length: w }, (_, j) => (j < width ? j : -1));
        messages.push(
          info(
            'columns-mapped',
            `page ${firstPage(g)}: ${w} columns against ${width} on the first page, aligned on the left`,
          ),
        );
      }
    }
    for (const r of rows) master.rows.push(placeRow(r, map, spans, width));
  }
  return { grid: master, messages, ambiguous };
}

/** A continuation row on the first page's columns: each cell where it maps, then a label over the rest it covers. */
function placeRow(r: (GridCell | null)[], map: number[], spans: number[][], width: number): (GridCell | null)[] {
  const out: (GridCell | null)[] = Array(width).fill(null);
  r.forEach((c, j) => {
    const t = map[j];
    if (t >= 0 && c && !out[t]) out[t] = c;
  });
  r.forEach((c, j) => {
    if (!c || out[map[j]] !== c || looksLikeAmount(cellText(c))) return;
    for (const t of spans[j] ?? []) if (!out[t]) out[t] = c;
  });
  return out;
}

function isSubstantialAmount(text: string): boolean {
  return looksLikeAmount(text) && (/[.,]/.test(text) || text.replace(/\D/g, '').length >= 4);
}

/** "30703 | 国内债务发行费用": an integer followed by a label is a subject code, not an amount. */
function isCodeBeforeName(row: (GridCell | null)[], j: number): boolean {
  const here = row[j];
  const text = here ? cellText(here) : '';
  if (!/^\d{3,7}$/.test(text)) return false;
  const next = row.slice(j + 1).find((c) => c && c !== here);
  return Boolean(next && !looksLikeAmount(cellText(next)) && cellText(next).length > 0);
}

function firstPage(g: Grid): number | string {
  for (const r of g.rows) for (const c of r) if (c?.page) return c.page;
  return '?';
}
