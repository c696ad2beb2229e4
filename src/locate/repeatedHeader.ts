/**
 * A table continued on the next page may repeat its header there, without a title or 续表: the
 * page continues the table when its first line reads as one of the first lines of the table's
 * own first page (the header's top lines, spacing aside).
 */
import { squash } from '../normalize/text.js';
import type { Line } from './lines.js';

/** The first few lines of a table region, as they would repeat. */
export function headerLines(lines: Line[], top: number, bottom: number, count = 3): string[] {
  return lines
    .filter((l) => l.y0 >= top - 1 && l.y1 <= bottom + 1)
    .slice(0, count)
    .map((l) => squash(l.text))
    .filter((t) => t.length >= 2);
}

export function repeatsHeader(lines: Line[], header: string[]): boolean {
  const first = lines[0] ? squash(lines[0].text) : '';
  return first.length >= 2 && header.includes(first);
}

/**
 * A page whose first line is the upper part of a name wrapped in its cell (the row's amounts sit
 * on the next line, less than a line's height below) starts with a table row all the same.
 */
export function startsWithWrappedRow(lines: Line[], startsWithRow: (rest: Line[]) => boolean): boolean {
  if (lines.length < 2) return false;
  const [a, b] = lines;
  return b.y0 - a.y1 < a.y1 - a.y0 && startsWithRow(lines.slice(1));
}
