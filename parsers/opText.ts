/**
 * Text runs from a page's operator list, placed as pdf.js's canvas would draw them. The operator
 * list is read anyway for the ruling lines; taking the text from it too saves a second parse of
 * every content stream (getTextContent), which halved the pages per second.
 *
 * A run is the glyphs of one show-text operator (joined with the next when it continues on the
 * same baseline), reported like a getTextContent item: its string, its transform in user space
 * (font size included) and its advance width in user space.
 */
import { OPS, Util } from './pdfjs.js';

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

export interface TextRun {
  str: string;
  transform: Matrix;
  width: number;
}

interface Glyph {
  unicode?: string;
  width?: number;
  isSpace?: boolean;
}

interface FontInfo {
  fontMatrix?: number[];
  vertical?: boolean;
}

interface TextState {
  ctm: Matrix;
  font: FontInfo | undefined;
  fontSize: number;
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  leading: number;
  rise: number;
}

/** A kerning or gap wider than this (in em) starts a new run, as a visible gap does. */
const GAP_EM = 0.3;

export function textFromOperatorList(fnArray: ArrayLike<number>, argsArray: ArrayLike<unknown>, fontOf: (name: string) => FontInfo | undefined): TextRun[] {
  const runs: TextRun[] = [];
  let s: TextState = { ctm: IDENTITY, font: undefined, fontSize: 0, charSpacing: 0, wordSpacing: 0, hScale: 1, leading: 0, rise: 0 };
  const stack: TextState[] = [];
  let tm: Matrix = IDENTITY;
  let x = 0;
  let y = 0;
  let lineX = 0;
  let lineY = 0;
  // the run being built, in text space of the current text matrix
  let open: { str: string[]; startX: number; endX: number; y: number; m: Matrix; size: number } | null = null;

  const flush = () => {
    if (open && open.str.join('').trim()) {
      const trm = Util.transform(open.m, [open.size * s.hScale, 0, 0, open.size, open.startX, open.y]) as Matrix;
      const scale = Math.hypot(open.m[0], open.m[1]);
      runs.push({ str: open.str.join(''), transform: trm, width: (open.endX - open.startX) * scale });
    }
    open = null;
  };
  const moveText = (dx: number, dy: number) => {
    lineX += dx;
    lineY += dy;
    x = lineX;
    y = lineY;
  };

  // text space → page: the CTM and the text matrix are replaced, never changed in place, so their
  // product is computed again only when one of them is another array
  let product: { ctm: Matrix; tm: Matrix; m: Matrix } | null = null;
  const textToPage = (): Matrix => {
    if (product?.ctm !== s.ctm || product.tm !== tm) product = { ctm: s.ctm, tm, m: Util.transform(s.ctm, tm) as Matrix };
    return product.m;
  };

  const showText = (glyphs: (Glyph | number | null)[]) => {
    const size = s.fontSize;
    if (!size) return;
    const fm = s.font?.fontMatrix ?? [0.001, 0, 0, 0.001, 0, 0];
    const advanceScale = size * fm[0];
    const m = textToPage();
    const ty = y + s.rise;
    // a new operator continues the open run when it starts where that run ended, on its baseline
    if (open && (open.y !== ty || open.size !== size || (open.m !== m && open.m.some((v, i) => v !== m[i])) || Math.abs(x - open.endX) > GAP_EM * size * s.hScale)) flush();
    let cx = 0; // advance within this operator, unscaled by hScale
    for (const g of glyphs) {
      if (g === null || g === undefined) continue;
      if (typeof g === 'number') {
        const shift = (-g * size) / 1000;
        cx += shift;
        if (shift > GAP_EM * size) flush();
        continue;
      }
      const spacing = (g.isSpace ? s.wordSpacing : 0) + s.charSpacing;
      const advance = (g.width ?? 0) * advanceScale + spacing;
      const gx = x + cx * s.hScale;
      if (!open) open = { str: [], startX: gx, endX: gx, y: ty, m, size };
      else if (gx - open.endX > GAP_EM * size * s.hScale) {
        flush();
        open = { str: [], startX: gx, endX: gx, y: ty, m, size };
      }
      open.str.push(g.unicode ?? '');
      cx += advance;
      open.endX = x + cx * s.hScale;
    }
    x += cx * s.hScale;
  };

  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[];
    switch (fn) {
      case OPS.save:
        stack.push({ ...s });
        break;
      case OPS.restore:
        s = stack.pop() ?? s;
        break;
      case OPS.transform:
        flush();
        s.ctm = Util.transform(s.ctm, args as number[]) as Matrix;
        break;
      case OPS.paintFormXObjectBegin:
        flush();
        stack.push({ ...s });
        if (Array.isArray(args?.[0]) || ArrayBuffer.isView(args?.[0])) s.ctm = Util.transform(s.ctm, Array.from(args[0] as number[])) as Matrix;
        break;
      case OPS.paintFormXObjectEnd:
        flush();
        s = stack.pop() ?? s;
        break;
      case OPS.beginText:
        flush();
        tm = IDENTITY;
        x = y = lineX = lineY = 0;
        break;
      case OPS.endText:
        flush();
        break;
      case OPS.setFont: {
        const [name, size] = args as [string, number];
        s.font = fontOf(name);
        s.fontSize = Math.abs(size);
        break;
      }
      case OPS.setTextMatrix: {
        // pdf.js 5 passes the matrix as one array argument; older lists spread its six numbers
        const a = args[0];
        tm = (Array.isArray(a) || ArrayBuffer.isView(a) ? Array.from(a as ArrayLike<number>) : Array.from(args as number[])) as Matrix;
        x = y = lineX = lineY = 0;
        break;
      }
      case OPS.moveText:
        moveText(args[0] as number, args[1] as number);
        break;
      case OPS.setLeadingMoveText:
        s.leading = -(args[1] as number);
        moveText(args[0] as number, args[1] as number);
        break;
      case OPS.nextLine:
        moveText(0, -s.leading);
        break;
      case OPS.setLeading:
        s.leading = args[0] as number;
        break;
      case OPS.setCharSpacing:
        s.charSpacing = args[0] as number;
        break;
      case OPS.setWordSpacing:
        s.wordSpacing = args[0] as number;
        break;
      case OPS.setHScale:
        s.hScale = (args[0] as number) / 100;
        break;
      case OPS.setTextRise:
        s.rise = args[0] as number;
        break;
      case OPS.showText:
      case OPS.showSpacedText:
        showText(args[0] as (Glyph | number)[]);
        break;
      case OPS.nextLineShowText:
        moveText(0, -s.leading);
        showText(args[0] as (Glyph | number)[]);
        break;
      case OPS.nextLineSetSpacingShowText:
        s.wordSpacing = args[0] as number;
        s.charSpacing = args[1] as number;
        moveText(0, -s.leading);
        showText(args[2] as (Glyph | number)[]);
        break;
    }
  }
  flush();
  return runs;
}
