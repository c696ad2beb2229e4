/**
 * Text as printed, once. Producers without a bold font embolden by printing every run twice, a
 * fraction of a point apart ("收入决算表" over "收入决算表"); others draw text as fill and then as
 * stroke (the same run at the same place). Both read as doubled text (收收入入…) unless one copy
 * goes. Runs come in drawing order; the first copy is kept, so reading order is unchanged.
 */
import type { TextItem } from '../../model/content.js';
import { textItem } from '../../model/textItem.js';

/** How far apart (in glyph heights) two copies of a run may be and still be one printed run. */
const OFFSET_EM = 0.15;

export function collapseOverprint(items: TextItem[]): TextItem[] {
  // runs hashed by position on a grid of the tolerance, then by text: a copy is in one of the
  // nine neighbouring buckets, so a page of many runs (many on one spot) is read in one pass
  const rows = new Map<number, Map<number, Map<string, TextItem[]>>>();
  const out: TextItem[] = [];
  for (const raw of items) {
    const it = undoubleGlyphs(raw);
    const tol = OFFSET_EM * it.fontSize;
    const qx = Math.floor(it.x0 / tol);
    const qy = Math.floor(it.y0 / tol);
    let copy = false;
    for (let dy = -1; dy <= 1 && !copy; dy++) {
      const row = rows.get(qy + dy);
      if (!row) continue;
      for (let dx = -1; dx <= 1 && !copy; dx++) {
        const bucket = row.get(qx + dx)?.get(it.str);
        if (bucket) for (const s of bucket) if (sameRun(s, it, tol)) copy = true;
      }
    }
    if (copy) continue;
    let row = rows.get(qy);
    if (!row) rows.set(qy, (row = new Map()));
    let cell = row.get(qx);
    if (!cell) row.set(qx, (cell = new Map()));
    const b = cell.get(it.str);
    if (b) b.push(it);
    else cell.set(it.str, [it]);
    out.push(it);
  }
  return out;
}

function sameRun(s: TextItem, it: TextItem, tol: number): boolean {
  return (
    s.str === it.str &&
    Math.abs(s.fontSize - it.fontSize) <= 0.05 * it.fontSize &&
    Math.abs(s.x0 - it.x0) <= tol &&
    Math.abs(s.x1 - it.x1) <= tol &&
    Math.abs(s.y0 - it.y0) <= tol &&
    Math.abs(s.y1 - it.y1) <= tol
  );
}

/**
 * One run holding every glyph twice (收收入入), each pair drawn nearly on top of each other: its
 * width is that of the single text, not of the doubled one. Plain text that happens to repeat
 * characters (办办事, 11) is as wide as it reads and is left alone.
 */
function undoubleGlyphs(it: TextItem): TextItem {
  const chars = [...it.str];
  if (chars.length < 4 || chars.length % 2) return it;
  for (let i = 0; i < chars.length; i += 2) if (chars[i] !== chars[i + 1] || chars[i] === ' ') return it;
  const single = chars.filter((_, i) => i % 2 === 0).join('');
  const em = [...single].reduce((w, ch) => w + (ch.charCodeAt(0) < 0x2e80 ? 0.5 : 1), 0) * it.fontSize;
  const width = it.x1 - it.x0;
  if (width > 1.5 * em) return it; // as wide as the doubled text: it really prints every glyph twice
  return textItem(single, it.x0, it.x1, it.y0, it.y1, it.fontSize, it.confidence);
}
