/** A flowing document (DOCX): tables found by the title and marks in the paragraphs before them. */
import type { FlowContent, SourceCell, SourceTable } from '../model/content.js';
import type { DraftDocument, TableDraft } from '../model/draft.js';
import type { Grid, GridCell } from '../model/grid.js';
import type { Unit } from '../model/unit.js';
import { squash } from '../normalize/text.js';
import {
  bareCode,
  findCode,
  findEntity,
  findUnit,
  isMetaLine,
  isPageNumber,
  matchTitle,
  type TitleMatch,
} from './markers.js';

function sourceGrid(t: SourceTable): Grid {
  const map = new Map<SourceCell, GridCell>();
  const rows = t.rows.map((r) =>
    r.map((c) => {
      if (!c) return null;
      let g = map.get(c);
      if (!g) {
        g = {
          text: c.text,
          page: null,
          bbox: null,
          source: { table: t.index, row: c.row, col: c.col, ...(t.sheet ? { sheet: t.sheet } : {}) },
        };
        map.set(c, g);
      }
      return g;
    }),
  );
  return { rows, method: 'source' };
}

/** A flowing document's tables: each found by the title and marks in the paragraphs before it. */
export function locateFlowTables(content: FlowContent): DraftDocument {
  const drafts: TableDraft[] = [];
  const entities: string[] = [];
  const lines: string[] = [];
  const blocks = content.blocks;
  for (const b of blocks) if (b.type === 'paragraph') lines.push(b.text);
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.type !== 'table') continue;
    // marks: the paragraphs since the previous table, nearest first, plus leading full-width rows
    const before: string[] = [];
    for (let k = i - 1; k >= 0 && before.length < 8; k--) {
      const p = blocks[k];
      if (p.type === 'table') break;
      if (squash(p.text) && !isPageNumber(p.text)) before.unshift(p.text);
    }
    const table = { ...b.table, rows: [...b.table.rows] };
    while (table.rows.length && isBannerRow(table.rows[0])) {
      before.push(table.rows[0][0]!.text);
      table.rows.shift();
    }
    let title: TitleMatch | undefined;
    let ti = -1;
    for (let k = before.length - 1; k >= 0; k--) {
      const m = matchTitle(before[k]);
      if (m) {
        title = m;
        ti = k;
        break;
      }
      if (!isMetaLine(before[k])) break;
    }
    if (!title) continue;
    let unit: Unit | undefined;
    let entity: string | undefined;
    let code = title.code;
    // the title's own line and the marks after it first, then mark-only lines just above it (a
    // narrative sentence above, "详见…（公开02表）", names another table)
    const order = [ti, ...before.keys()].filter(
      (k, i, a) => a.indexOf(k) === i && (k >= ti || (k >= ti - 2 && isMetaLine(before[k]))),
    );
    for (const k of order.sort((a, b) => (a >= ti ? a - ti : 100 + ti - a) - (b >= ti ? b - ti : 100 + ti - b))) {
      unit ??= findUnit(before[k]);
      entity ??= findEntity(before[k]);
      code ??= findCode(before[k]) ?? bareCode(before[k]);
    }
    if (entity) entities.push(entity);
    drafts.push({
      entry: title.entry,
      title: title.title,
      code,
      unit,
      pages: [],
      grid: sourceGrid(table),
      messages: [],
    });
  }
  return { drafts, lines, entities, passages: lines.map((text) => ({ page: null, text })) };
}

/** A first row that is one cell across the whole table (a title or unit line set inside the table). */
function isBannerRow(row: (SourceCell | null)[]): boolean {
  const first = row[0];
  return Boolean(first && row.every((c) => c === first) && (matchTitle(first.text) || isMetaLine(first.text)));
}
