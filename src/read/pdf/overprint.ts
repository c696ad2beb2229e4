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
  if (items.length < 2) return items.map(undoubleGlyphs);
  // bucket by text, so that only runs with the same text are compared
  const byText = new Map<string, TextItem[]>();
  const out: TextItem[] = [];
  for (const raw of items) {
    const it = undoubleGlyphs(raw);
    const seen = byText.get(it.str);
    const tol = OFFSET_EM * it.fontSize;
    if (
      seen?.some(
        (s) =>
          Math.abs(s.fontSize - it.fontSize) <= 0.05 * it.fontSize &&
          Math.abs(s.x0 - it.x0) <= tol &&
          Math.abs(s.x1 - it.x1) <= tol &&
          Math.abs(s.y0 - it.y0) <= tol &&
          Math.abs(s.y1 - it.y1) <= tol,
      )
    )
      continue;
    if (seen) seen.push(it);
    else byText.set(it.str, [it]);
    out.push(it);
  }
  return out;
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
  return textItem(single, it.x0, it.x1, it.y0, it.y1, it.fontSize, it.conf);
}
