/**
 * Figures wrapped in narrow cells, joined again: a producer that cannot fit 12,868.19 in its cell
 * sets it in two lines, "12,868.1" over a right-aligned "9" (or "12,868" over ".19"). Read line by
 * line the tail is a row of its own and the figure is cut short.
 */
import { buildLines, segmentsOf, yCenter } from '../locate/lines.js';
import type { Segment, TextItem } from '../model/content.js';
import { textItem } from '../model/textItem.js';
import { FIGURE_RUN_GAP_EM, WRAP_MAX_GAP, WRAP_RIGHT_EDGE, WRAPPED_TAIL } from './settings.js';

/** A whole amount: digits grouped by three or not at all, two to six decimals. */
const WHOLE_AMOUNT = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2,6}$/;

/**
 * Whether `tail` (under `head`) is the rest of head's figure: head stops short in its decimals
 * (12,868.1 or 12,868.) and the tail is digits, or head has none and the tail starts with the
 * point; together they make one whole amount. A figure with one decimal over a bare number is
 * what a wrap prints; a column's figures carry the same decimals row after row.
 */
export function continues(head: string, tail: string): boolean {
  if (!WRAPPED_TAIL.test(tail)) return false;
  const cut = (/\.\d?$/.test(head) && /^\d+$/.test(tail)) || (!head.includes('.') && tail.startsWith('.'));
  return cut && WHOLE_AMOUNT.test(head + tail);
}

/**
 * The items with each wrapped figure's pieces made one item spanning both lines. The tail must sit
 * right under the head (the next line: at most WRAP_MAX_GAP glyph heights of paper between them),
 * end where it ends (right-aligned, within WRAP_RIGHT_EDGE glyph widths) and have no rule between
 * them (a rule between two figures makes them two rows).
 */
export function joinWrappedFigures(items: TextItem[], horizontals: Segment[]): TextItem[] {
  const runs = buildLines(items).flatMap((l) => segmentsOf(l, FIGURE_RUN_GAP_EM));
  const joined: { head: TextItem; tail: TextItem }[] = [];
  for (const tail of runs) {
    const t = tail.str.trim();
    if (!WRAPPED_TAIL.test(t)) continue;
    const head = runs.find(
      (h) =>
        yCenter(h) < tail.y0 &&
        tail.y0 - h.y1 <= WRAP_MAX_GAP * (h.y1 - h.y0) &&
        Math.abs(tail.x1 - h.x1) <= WRAP_RIGHT_EDGE * h.fontSize &&
        continues(h.str.trim(), t) &&
        !horizontals.some((s) => s.y0 > h.y1 && s.y0 < tail.y0 && s.x0 <= tail.x1 && s.x1 >= tail.x0),
    );
    if (head && !joined.some((j) => j.head === head)) joined.push({ head, tail });
  }
  if (!joined.length) return items;
  // the pieces' own items (a figure may come one glyph per item) give way to one item each pair
  const within = (it: TextItem, run: TextItem) =>
    yCenter(it) >= run.y0 && yCenter(it) <= run.y1 && it.x0 >= run.x0 - 0.01 && it.x1 <= run.x1 + 0.01;
  const pieces = new Set(items.filter((it) => joined.some((j) => within(it, j.head) || within(it, j.tail))));
  // the joined figure stands on the line of its row: the line of other text whose middle lies
  // within its two lines, nearest their middle (the label's line, a wrap being set around it or
  // from it down); without one, across both lines
  const rowLines = buildLines(items.filter((it) => !pieces.has(it)));
  const placed = ({ head, tail }: { head: TextItem; tail: TextItem }) => {
    const mid = (head.y0 + tail.y1) / 2;
    const row = rowLines
      .filter((l) => yCenter(l) >= head.y0 && yCenter(l) <= tail.y1)
      .sort((a, b) => Math.abs(yCenter(a) - mid) - Math.abs(yCenter(b) - mid))[0];
    const [y0, y1] = row ? [row.y0, row.y1] : [head.y0, tail.y1];
    const str = head.str.trim() + tail.str.trim();
    return textItem(
      str,
      Math.min(head.x0, tail.x0),
      Math.max(head.x1, tail.x1),
      y0,
      y1,
      head.fontSize,
      head.confidence,
    );
  };
  return [...items.filter((it) => !pieces.has(it)), ...joined.map(placed)];
}
