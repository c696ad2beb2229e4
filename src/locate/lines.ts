/** Group positioned text items into lines (by vertical centre) and lines into segments (by gaps). */
import type { TextItem } from '../model/content.js';
import { textItem } from '../model/textItem.js';

export interface Line {
  items: TextItem[]; // left to right
  y0: number;
  y1: number;
  x0: number;
  x1: number;
  /** the line's text with a single space where items are visibly apart */
  text: string;
}

export function yCenter(it: { y0: number; y1: number }): number {
  return (it.y0 + it.y1) / 2;
}

/** Cluster items whose vertical centres are within ~half a glyph height of each other. */
export function buildLines(items: TextItem[]): Line[] {
  const sorted = [...items].sort((a, b) => yCenter(a) - yCenter(b) || a.x0 - b.x0);
  const lines: Line[] = [];
  let cur: TextItem[] = [];
  let curY = 0;
  let curH = 0;
  let band = { y0: 0, y1: 0 };
  const flush = () => {
    if (cur.length) lines.push(makeLine(cur));
    cur = [];
  };
  for (const it of sorted) {
    const yc = yCenter(it);
    const h = it.y1 - it.y0;
    // a flat mark inside the line's band (二、 or 一 read by OCR, fitted to its strokes) is of the line
    const flatInside = h < 0.5 * curH && it.y0 >= band.y0 && it.y1 <= band.y1;
    if (cur.length && (Math.abs(yc - curY) <= 0.45 * Math.min(h, curH) || flatInside)) {
      cur.push(it);
      curY = (curY * (cur.length - 1) + yc) / cur.length;
    } else {
      flush();
      cur = [it];
      curY = yc;
      curH = h;
      band = { y0: it.y0, y1: it.y1 };
    }
  }
  flush();
  return lines;
}

export function makeLine(items: TextItem[]): Line {
  const sorted = [...items].sort((a, b) => a.x0 - b.x0);
  let text = '';
  for (let i = 0; i < sorted.length; i++) {
    const it = sorted[i];
    if (i > 0) {
      const gap = it.x0 - sorted[i - 1].x1;
      if (gap > 0.5 * it.fontSize) text += ' ';
    }
    text += it.str;
  }
  return {
    items: sorted,
    y0: Math.min(...sorted.map((i) => i.y0)),
    y1: Math.max(...sorted.map((i) => i.y1)),
    x0: Math.min(...sorted.map((i) => i.x0)),
    x1: Math.max(...sorted.map((i) => i.x1)),
    text,
  };
}

/** Runs of items in a line separated by gaps wider than `gapEm` glyph heights. */
export function segmentsOf(line: Line, gapEm = 1.0): TextItem[] {
  const out: TextItem[] = [];
  for (const it of line.items) {
    const prev = out[out.length - 1];
    if (prev && it.x0 - prev.x1 <= gapEm * Math.min(it.fontSize, prev.fontSize)) {
      const sep =
        it.x0 - prev.x1 > 0.25 * it.fontSize && /[\x21-\x7e]$/.test(prev.str) && /^[\x21-\x7e]/.test(it.str) ? ' ' : '';
      out[out.length - 1] = textItem(
        prev.str + sep + it.str,
        prev.x0,
        Math.max(prev.x1, it.x1),
        Math.min(prev.y0, it.y0),
        Math.max(prev.y1, it.y1),
        prev.fontSize,
        prev.confidence,
      );
    } else out.push(textItem(it.str, it.x0, it.x1, it.y0, it.y1, it.fontSize, it.confidence));
  }
  return out;
}
