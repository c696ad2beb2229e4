/**
 * Text runs from a page's operator list, placed as pdf.js's canvas would draw them. The operator
 * list is read anyway for the ruling lines; taking the text from it too saves a second parse of
 * every content stream (getTextContent), which halved the pages per second.
 *
 * A run is the glyphs of one show-text operator (joined with the next when it continues on the
 * same baseline), reported like a getTextContent item: its string, its transform in user space
 * (font size included) and its advance width in user space.
 */
import { IDENTITY, isMatrixArg, matrix, multiply, toMatrix, type Matrix } from './matrix.js';
import { OPS } from './pdfjs.js';

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

/** A kerning or gap wider than this (in em) starts a new run, as a visible gap does. */
const GAP_EM = 0.3;

/** The state of reading one operator list: the text state, the text matrix and the open run. */
class TextReader {
  readonly runs: TextRun[] = [];
  s = new TextState();
  readonly stack: TextState[] = [];
  tm: Matrix = IDENTITY;
  // the text position and the start of its line, in text space: -0 (which reads as 0 everywhere)
  // so that V8 keeps them as doubles from the first reader on. Starting as small integers, they
  // changed the reader's hidden class at the first fraction, and the optimized loop was left again
  // at every page (78 times in one pass over the real set)
  x = -0;
  y = -0;
  lineX = -0;
  lineY = -0;
  open: OpenRun | null = null;
  // text space → page: the CTM and the text matrix are replaced, never changed in place, so their
  // product is computed again only when one of them is another array
  private productCtm: Matrix | null = null;
  private productTm: Matrix | null = null;
  private product: Matrix = IDENTITY;
  // a page names few fonts and sets them often
  private readonly fontScales = new Map<string, number>();

  constructor(private readonly fontOf: (name: string) => FontInfo | undefined) {}

  fontScaleOf(name: string): number {
    let scale = this.fontScales.get(name);
    if (scale === undefined) {
      scale = this.fontOf(name)?.fontMatrix?.[0] ?? 0.001;
      this.fontScales.set(name, scale);
    }
    return scale;
  }

  flush(): void {
    const open = this.open;
    const str = open?.str.join('');
    if (open && str?.trim()) {
      const trm = multiply(open.m, matrix(open.size * this.s.hScale, 0, 0, open.size, open.startX, open.y));
      const scale = Math.hypot(open.m[0], open.m[1]);
      this.runs.push({ str, transform: trm, width: (open.endX - open.startX) * scale });
    }
    this.open = null;
  }

  moveText(dx: number, dy: number): void {
    this.lineX += dx;
    this.lineY += dy;
    this.x = this.lineX;
    this.y = this.lineY;
  }

  startTextObject(tm: Matrix): void {
    this.tm = tm;
    this.x = this.y = this.lineX = this.lineY = 0;
  }

  private textToPage(): Matrix {
    if (this.productCtm !== this.s.ctm || this.productTm !== this.tm) {
      this.productCtm = this.s.ctm;
      this.productTm = this.tm;
      this.product = multiply(this.s.ctm, this.tm);
    }
    return this.product;
  }

  showText(glyphs: (Glyph | number | null)[]): void {
    const s = this.s;
    const size = s.fontSize;
    if (!size) return;
    const advanceScale = size * s.fontScale;
    const hScale = s.hScale;
    const charSpacing = s.charSpacing;
    const wordSpacing = s.wordSpacing;
    const gap = GAP_EM * size * hScale;
    const m = this.textToPage();
    const x = this.x;
    const ty = this.y + s.rise;
    // a new operator continues the open run when it starts where that run ended, on its baseline
    let open = this.open;
    if (
      open &&
      (open.y !== ty ||
        open.size !== size ||
        (open.m !== m && open.m.some((v, i) => v !== m[i])) ||
        Math.abs(x - open.endX) > gap)
    ) {
      this.flush();
      open = null;
    }
    let cx = 0; // advance within this operator, unscaled by hScale
    for (const g of glyphs) {
      if (g === null || g === undefined) continue;
      if (typeof g === 'number') {
        const shift = (-g * size) / 1000;
        cx += shift;
        if (shift > GAP_EM * size) {
          this.flush();
          open = null;
        }
        continue;
      }
      const spacing = (g.isSpace ? wordSpacing : 0) + charSpacing;
      const advance = (g.width ?? 0) * advanceScale + spacing;
      const gx = x + cx * hScale;
      if (!open) open = this.open = new OpenRun(gx, ty, m, size);
      else if (gx - open.endX > gap) {
        this.flush();
        open = this.open = new OpenRun(gx, ty, m, size);
      }
      open.str.push(g.unicode ?? '');
      cx += advance;
      open.endX = x + cx * hScale;
    }
    this.x = x + cx * hScale;
  }
}

type Handler = (r: TextReader, args: unknown[]) => void;

/**
 * What each operator does to the reader, indexed by pdf.js's operator number; operators that
 * neither move nor show text have none. One small function per operator rather than the cases of
 * one large switch: an operator a page meets for the first time (the loop is already optimized
 * by then) has no type feedback, and V8 throws away and compiles again only that small function,
 * not the whole reader (a cold worker compiled the switch 8 to 11 times, ~25 ms each).
 */
const HANDLERS: (Handler | undefined)[] = [];
const on = (op: number, handler: Handler) => {
  HANDLERS[op] = handler;
};
on(OPS.save, (r) => {
  r.stack.push(r.s.copy());
});
on(OPS.restore, (r) => {
  r.s = r.stack.pop() ?? r.s;
});
on(OPS.transform, (r, args) => {
  r.flush();
  r.s.ctm = multiply(r.s.ctm, toMatrix(args as number[]));
});
on(OPS.paintFormXObjectBegin, (r, args) => {
  r.flush();
  r.stack.push(r.s.copy());
  if (isMatrixArg(args?.[0])) r.s.ctm = multiply(r.s.ctm, toMatrix(args[0]));
});
on(OPS.paintFormXObjectEnd, (r) => {
  r.flush();
  r.s = r.stack.pop() ?? r.s;
});
on(OPS.beginText, (r) => {
  r.flush();
  r.startTextObject(IDENTITY);
});
on(OPS.endText, (r) => r.flush());
on(OPS.setFont, (r, args) => {
  const [name, size] = args as [string, number];
  r.s.fontScale = r.fontScaleOf(name);
  r.s.fontSize = Math.abs(size);
});
on(OPS.setTextMatrix, (r, args) => {
  // pdf.js 5 passes the matrix as one array argument; older lists spread its six numbers
  const a = args[0];
  r.startTextObject(toMatrix(isMatrixArg(a) ? a : (args as number[])));
});
on(OPS.moveText, (r, args) => r.moveText(args[0] as number, args[1] as number));
on(OPS.setLeadingMoveText, (r, args) => {
  r.s.leading = -(args[1] as number);
  r.moveText(args[0] as number, args[1] as number);
});
on(OPS.nextLine, (r) => r.moveText(0, -r.s.leading));
on(OPS.setLeading, (r, args) => {
  r.s.leading = args[0] as number;
});
on(OPS.setCharSpacing, (r, args) => {
  r.s.charSpacing = args[0] as number;
});
on(OPS.setWordSpacing, (r, args) => {
  r.s.wordSpacing = args[0] as number;
});
on(OPS.setHScale, (r, args) => {
  r.s.hScale = (args[0] as number) / 100;
});
on(OPS.setTextRise, (r, args) => {
  r.s.rise = args[0] as number;
});
const show: Handler = (r, args) => r.showText(args[0] as (Glyph | number)[]);
on(OPS.showText, show);
on(OPS.showSpacedText, show);
on(OPS.nextLineShowText, (r, args) => {
  r.moveText(0, -r.s.leading);
  r.showText(args[0] as (Glyph | number)[]);
});
on(OPS.nextLineSetSpacingShowText, (r, args) => {
  r.s.wordSpacing = args[0] as number;
  r.s.charSpacing = args[1] as number;
  r.moveText(0, -r.s.leading);
  r.showText(args[2] as (Glyph | number)[]);
});

export function textFromOperatorList(
  fnArray: ArrayLike<number>,
  argsArray: ArrayLike<unknown>,
  fontOf: (name: string) => FontInfo | undefined,
): TextRun[] {
  const reader = new TextReader(fontOf);
  for (let i = 0; i < fnArray.length; i++) {
    const handler = HANDLERS[fnArray[i]];
    if (handler !== undefined) handler(reader, argsArray[i] as unknown[]);
  }
  reader.flush();
  return reader.runs;
}
