/**
 * Text runs from a page's operator list, placed as pdf.js's canvas would draw them. The operator
 * list is read anyway for the ruling lines; taking the text from it too saves a second parse of
 * every content stream (getTextContent), which halved the pages per second.
 *
 * A run is the glyphs of one show-text operator (joined with the next when it continues on the
 * same baseline), reported like a getTextContent item: its string, its transform in user space
 * (font size included) and its advance width in user space.
 */
import { OPS } from './pdfjs.js';
import { IDENTITY, matrix, multiply, toMatrix, type Matrix } from './matrix.js';

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
}

/** The graphics and text state a run depends on; one class, so that every copy has one shape. */
class TextState {
  ctm: Matrix = IDENTITY;
  /** the font matrix's horizontal scale (glyph widths are in its units) */
  fontScale = 0.001;
  fontSize = 0;
  charSpacing = 0;
  wordSpacing = 0;
  hScale = 1;
  leading = 0;
  rise = 0;

  copy(): TextState {
    const c = new TextState();
    c.ctm = this.ctm;
    c.fontScale = this.fontScale;
    c.fontSize = this.fontSize;
    c.charSpacing = this.charSpacing;
    c.wordSpacing = this.wordSpacing;
    c.hScale = this.hScale;
    c.leading = this.leading;
    c.rise = this.rise;
    return c;
  }
}

/** The run being built, in text space of the current text matrix. */
class OpenRun {
  str: string[] = [];
  endX: number;
  constructor(
    readonly startX: number,
    readonly y: number,
    readonly m: Matrix,
    readonly size: number,
  ) {
    this.endX = startX;
  }
}

// pdf.js's operator numbers, read once: the switch below would otherwise load up to 21 properties
// of OPS for every operator, which costs while the function still runs in the interpreter
const SAVE = OPS.save;
const RESTORE = OPS.restore;
const TRANSFORM = OPS.transform;
const FORM_BEGIN = OPS.paintFormXObjectBegin;
const FORM_END = OPS.paintFormXObjectEnd;
const BEGIN_TEXT = OPS.beginText;
const END_TEXT = OPS.endText;
const SET_FONT = OPS.setFont;
const SET_TEXT_MATRIX = OPS.setTextMatrix;
const MOVE_TEXT = OPS.moveText;
const SET_LEADING_MOVE_TEXT = OPS.setLeadingMoveText;
const NEXT_LINE = OPS.nextLine;
const SET_LEADING = OPS.setLeading;
const SET_CHAR_SPACING = OPS.setCharSpacing;
const SET_WORD_SPACING = OPS.setWordSpacing;
const SET_HSCALE = OPS.setHScale;
const SET_TEXT_RISE = OPS.setTextRise;
const SHOW_TEXT = OPS.showText;
const SHOW_SPACED_TEXT = OPS.showSpacedText;
const NEXT_LINE_SHOW_TEXT = OPS.nextLineShowText;
const NEXT_LINE_SET_SPACING_SHOW_TEXT = OPS.nextLineSetSpacingShowText;

/** Whether an operator argument is a matrix given as one array (pdf.js 5) rather than spread. */
function isArrayArg(a: unknown): a is ArrayLike<number> {
  return Array.isArray(a) || ArrayBuffer.isView(a);
}

/** A kerning or gap wider than this (in em) starts a new run, as a visible gap does. */
const GAP_EM = 0.3;

export function textFromOperatorList(fnArray: ArrayLike<number>, argsArray: ArrayLike<unknown>, fontOf: (name: string) => FontInfo | undefined): TextRun[] {
  const runs: TextRun[] = [];
  let s = new TextState();
  const stack: TextState[] = [];
  let tm: Matrix = IDENTITY;
  let x = 0;
  let y = 0;
  let lineX = 0;
  let lineY = 0;
  let open: OpenRun | null = null;
  // a page names few fonts and sets them often
  const fontScales = new Map<string, number>();
  const fontScaleOf = (name: string): number => {
    let scale = fontScales.get(name);
    if (scale === undefined) {
      scale = fontOf(name)?.fontMatrix?.[0] ?? 0.001;
      fontScales.set(name, scale);
    }
    return scale;
  };

  const flush = () => {
    if (open && open.str.join('').trim()) {
      const trm = multiply(open.m, matrix(open.size * s.hScale, 0, 0, open.size, open.startX, open.y));
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
  let productCtm: Matrix | null = null;
  let productTm: Matrix | null = null;
  let product: Matrix = IDENTITY;
  const textToPage = (): Matrix => {
    if (productCtm !== s.ctm || productTm !== tm) {
      productCtm = s.ctm;
      productTm = tm;
      product = multiply(s.ctm, tm);
    }
    return product;
  };

  const showText = (glyphs: (Glyph | number | null)[]) => {
    const size = s.fontSize;
    if (!size) return;
    const advanceScale = size * s.fontScale;
    const hScale = s.hScale;
    const charSpacing = s.charSpacing;
    const wordSpacing = s.wordSpacing;
    const gap = GAP_EM * size * hScale;
    const m = textToPage();
    const ty = y + s.rise;
    // a new operator continues the open run when it starts where that run ended, on its baseline
    if (open && (open.y !== ty || open.size !== size || (open.m !== m && open.m.some((v, i) => v !== m[i])) || Math.abs(x - open.endX) > gap)) flush();
    let cx = 0; // advance within this operator, unscaled by hScale
    for (const g of glyphs) {
      if (g === null || g === undefined) continue;
      if (typeof g === 'number') {
        const shift = (-g * size) / 1000;
        cx += shift;
        if (shift > GAP_EM * size) flush();
        continue;
      }
      const spacing = (g.isSpace ? wordSpacing : 0) + charSpacing;
      const advance = (g.width ?? 0) * advanceScale + spacing;
      const gx = x + cx * hScale;
      if (!open) open = new OpenRun(gx, ty, m, size);
      else if (gx - open.endX > gap) {
        flush();
        open = new OpenRun(gx, ty, m, size);
      }
      open.str.push(g.unicode ?? '');
      cx += advance;
      open.endX = x + cx * hScale;
    }
    x += cx * hScale;
  };

  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[];
    switch (fn) {
      case SAVE:
        stack.push(s.copy());
        break;
      case RESTORE:
        s = stack.pop() ?? s;
        break;
      case TRANSFORM:
        flush();
        s.ctm = multiply(s.ctm, toMatrix(args as number[]));
        break;
      case FORM_BEGIN:
        flush();
        stack.push(s.copy());
        if (isArrayArg(args?.[0])) s.ctm = multiply(s.ctm, toMatrix(args[0] as ArrayLike<number>));
        break;
      case FORM_END:
        flush();
        s = stack.pop() ?? s;
        break;
      case BEGIN_TEXT:
        flush();
        tm = IDENTITY;
        x = y = lineX = lineY = 0;
        break;
      case END_TEXT:
        flush();
        break;
      case SET_FONT: {
        const [name, size] = args as [string, number];
        s.fontScale = fontScaleOf(name);
        s.fontSize = Math.abs(size);
        break;
      }
      case SET_TEXT_MATRIX: {
        // pdf.js 5 passes the matrix as one array argument; older lists spread its six numbers
        const a = args[0];
        tm = toMatrix(isArrayArg(a) ? a : (args as number[]));
        x = y = lineX = lineY = 0;
        break;
      }
      case MOVE_TEXT:
        moveText(args[0] as number, args[1] as number);
        break;
      case SET_LEADING_MOVE_TEXT:
        s.leading = -(args[1] as number);
        moveText(args[0] as number, args[1] as number);
        break;
      case NEXT_LINE:
        moveText(0, -s.leading);
        break;
      case SET_LEADING:
        s.leading = args[0] as number;
        break;
      case SET_CHAR_SPACING:
        s.charSpacing = args[0] as number;
        break;
      case SET_WORD_SPACING:
        s.wordSpacing = args[0] as number;
        break;
      case SET_HSCALE:
        s.hScale = (args[0] as number) / 100;
        break;
      case SET_TEXT_RISE:
        s.rise = args[0] as number;
        break;
      case SHOW_TEXT:
      case SHOW_SPACED_TEXT:
        showText(args[0] as (Glyph | number)[]);
        break;
      case NEXT_LINE_SHOW_TEXT:
        moveText(0, -s.leading);
        showText(args[0] as (Glyph | number)[]);
        break;
      case NEXT_LINE_SET_SPACING_SHOW_TEXT:
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
