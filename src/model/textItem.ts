import type { TextItem } from './content.js';

/**
 * Every TextItem is made here, with the same fields in the same order (`confidence` too, undefined for
 * a text layer). V8 then gives all of them one hidden class. A literal, a spread copy of it and an
 * OCR word were three, and each new one met by an optimized function (buildLines, ruledGrid,
 * interpretGrid…) threw its code away to be compiled again, in warm passes too.
 */
export function textItem(
  str: string,
  x0: number,
  x1: number,
  y0: number,
  y1: number,
  fontSize: number,
  confidence?: number,
): TextItem {
  return { str, x0, x1, y0, y1, fontSize, confidence };
}
