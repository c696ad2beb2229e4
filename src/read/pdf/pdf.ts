/**
 * PDF → pages of positioned text and ruling lines, with pdf.js (legacy build for Node).
 * CJK cMaps and the standard fonts are wired by filesystem path: without the cMaps a
 * non-embedded Adobe-GB1 font (STSong-Light, UniGB-UCS2-H) silently yields no text.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import type { PdfContent, PdfPage, Segment, TextItem } from '../../model/content.js';
import { GongkaiError } from '../../model/errors.js';
import { warning, type Message, type Result } from '../../model/message.js';
import { textItem } from '../../model/textItem.js';
import { IDENTITY, isMatrixArg, matrix, multiply, toMatrix, type Matrix } from './matrix.js';
import { textFromOperatorList } from './opText.js';
import { collapseOverprint } from './overprint.js';
import { DECODE_BUDGET, getDocument, OPS } from './pdfjs.js';
import { inThreadWorker } from './pdfjsPort.js';
import { MAX_DOCUMENT_DECODED_BYTES } from './pdfjsTextOnly.js';

const require = createRequire(import.meta.url);
const pdfjsRoot = path.dirname(require.resolve('pdfjs-dist/package.json'));
/** pdf.js in Node fetches these with fs when given plain directory paths ending in a separator. */
export const CMAP_DIR = path.join(pdfjsRoot, 'cmaps') + path.sep;
export const STANDARD_FONT_DIR = path.join(pdfjsRoot, 'standard_fonts') + path.sep;
const PDFJS_WASM_DIR = path.join(pdfjsRoot, 'wasm') + path.sep;

/**
 * `textOnlyFonts` is gongkai's own option, added to pdf.js's source as it loads (pdfjsTextOnly.ts):
 * pdf.js still reads every font program for what text needs (glyph codes, Unicode, widths,
 * encodings), but does not build the font file a browser would install.
 * Building it compiles each CFF font through JavaScript arrays, byte by byte: for one real 4 MB
 * CJK font that was ~800 MB of garbage and a worker's peak RSS going from ~220 to ~400 MB.
 * The text read is the same (tested against pdf.js's own extraction, on every font kind). A font
 * without a file also spares the glyph outlines pdf.js would otherwise compile for a canvas (a
 * fifth of reading a page) and the font's base64 CSS rule. Where the edits could not be made
 * pdf.js ignores the option and builds the files: slower, never different.
 */
export const PDF_TEXT_ONLY_FONTS = { textOnlyFonts: true } as Record<string, unknown>;

/** Read a PDF's pages: text items and ruling lines; a page that fails to read is a warning and an empty page. */
export async function readPdf(
  data: Uint8Array,
  maxDecodedBytes = MAX_DOCUMENT_DECODED_BYTES,
): Promise<Result<PdfContent>> {
  // one document at a time per thread (pdfjsPort): its decoding starts from nothing
  DECODE_BUDGET.decoded = 0;
  DECODE_BUDGET.limit = maxDecodedBytes;
  const task = getDocument({
    ...PDF_TEXT_ONLY_FONTS,
    // pdf.js takes (detaches) the buffer it is given; the caller may still need the bytes (OCR)
    data: data.slice(),
    worker: inThreadWorker(),
    cMapUrl: CMAP_DIR,
    cMapPacked: true,
    standardFontDataUrl: STANDARD_FONT_DIR,
    wasmUrl: PDFJS_WASM_DIR,
    isEvalSupported: false,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  let doc: PDFDocumentProxy;
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy().catch(() => undefined);
    throw classifyOpenError(err);
  }
  const messages: Message[] = [];
  const refusedAtStart = refusedStreams();
  try {
    assertPageCount(doc.numPages);
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n).catch((err: unknown) => {
        // a page tree that loops, or whose kids are not pages: the file is damaged, not our bug
        throw new GongkaiError('corrupt', `page ${n} cannot be found in the page tree (${errorText(err)})`, {
          cause: err,
        });
      });
      const refusedBefore = refusedStreams();
      try {
        const read = await readPage(page, n);
        // pdf.js reads on past a stream it could not decode: a page missing one is not read
        if (refusedStreams() > refusedBefore) throw new Error(DECODE_BUDGET.reason);
        pages.push(read);
      } catch (err) {
        messages.push(warning('pdf-page', `page ${n}: ${(err as Error).message}`, { page: n }));
        pages.push({ number: n, width: 0, height: 0, items: [], horizontals: [], verticals: [], imageCount: 0 });
      } finally {
        page.cleanup();
      }
    }
    if (pages.length && pages.every((p) => p.width === 0))
      throw new GongkaiError(
        refusedStreams() > refusedAtStart ? 'too-large' : 'corrupt',
        `no page could be read (${messages[0]?.text ?? 'unknown reason'})`,
      );
    return { value: { format: 'pdf', pages }, messages };
  } finally {
    await task.destroy();
  }
}

/** Streams pdf.js refused so far in this thread. */
const refusedStreams = () => DECODE_BUDGET.refused;

/** Pages past which a document is refused: no disclosure comes near it, a hostile page tree can claim 10^9. */
const MAX_PAGES = 10_000;

function assertPageCount(n: number): void {
  if (!(n >= 1)) throw new GongkaiError('corrupt', `the page tree holds no pages (it says ${n})`);
  if (n > MAX_PAGES)
    throw new GongkaiError('too-large', `the page tree claims ${n} pages, over the limit of ${MAX_PAGES}`);
}

function errorText(err: unknown): string {
  return String((err as Error)?.message ?? err)
    .split('\n')[0]
    .slice(0, 200);
}

function classifyOpenError(err: unknown): GongkaiError {
  const e = err as { name?: string; message?: string };
  if (e?.name === 'PasswordException')
    return new GongkaiError('encrypted', 'the PDF is password-protected', { cause: err });
  if (e?.name === 'InvalidPDFException')
    return new GongkaiError('corrupt', `not a readable PDF (${e.message ?? 'invalid structure'})`, { cause: err });
  return new GongkaiError('corrupt', `the PDF could not be opened (${e?.message ?? String(err)})`, { cause: err });
}

/**
 * One page from its operator list alone: the text runs (placed as the canvas would draw them) and
 * the ruling lines. Where the list shows text but yields none (a font pdf.js cannot map), the
 * page's getTextContent is asked instead.
 */
async function readPage(page: PDFPageProxy, number: number): Promise<PdfPage> {
  const viewport = page.getViewport({ scale: 1 });
  const vt = toMatrix(viewport.transform);
  const ops = await page.getOperatorList();
  const fontOf = (name: string) => {
    try {
      return page.commonObjs.get(name) as { fontMatrix?: number[] };
    } catch {
      return undefined;
    }
  };
  let runs = textFromOperatorList(ops.fnArray, ops.argsArray, fontOf);
  if (
    !runs.length &&
    ops.fnArray.some(
      (f) =>
        f === OPS.showText ||
        f === OPS.showSpacedText ||
        f === OPS.nextLineShowText ||
        f === OPS.nextLineSetSpacingShowText,
    )
  ) {
    const content = await page.getTextContent({ includeMarkedContent: false });
    runs = content.items
      .filter((it): it is typeof it & { str: string; transform: number[]; width: number } => 'str' in it)
      .map((it) => ({ str: it.str, transform: toMatrix(it.transform), width: it.width }));
  }

  // Text: bring each run into viewport space (top-left origin).
  type Raw = { str: string; m: Matrix; width: number };
  const raws: Raw[] = [];
  for (const it of runs) {
    if (!it.str || !it.str.trim()) continue;
    const m = multiply(vt, it.transform);
    // text set beyond the page's edges is not on the page (some producers leave whole tables there)
    if (m[4] < -5 || m[4] > viewport.width + 5 || m[5] < -5 || m[5] > viewport.height + 5) continue;
    raws.push({ str: it.str, m, width: it.width });
  }
  // Some producers draw landscape tables as rotated text on a portrait page: turn the page so
  // that most text reads left-to-right.
  const rot = dominantRotation(raws.map((r) => r.m));
  let width = viewport.width;
  let height = viewport.height;
  const turn = rotationMatrix(rot, width, height);
  if (rot === 90 || rot === 270) [width, height] = [height, width];

  const items: TextItem[] = [];
  for (const r of raws) {
    const m = multiply(turn, r.m);
    const fontSize = Math.hypot(m[2], m[3]) || Math.hypot(m[0], m[1]) || 1;
    const scaleX = Math.hypot(m[0], m[1]);
    if (Math.abs(m[1]) > 0.2 * scaleX) continue; // still not horizontal: a stray rotated label
    const x = m[4];
    const base = m[5];
    // pdf.js reports width in the item's own scale for horizontal text
    const w = r.width * (scaleX / Math.max(Math.hypot(r.m[0], r.m[1]), 1e-9)) || r.width;
    for (const part of splitOnWideGaps(r.str, x, w)) {
      items.push(textItem(part.str, part.x0, part.x1, base - fontSize * 0.88, base + fontSize * 0.12, fontSize));
    }
  }

  const { horizontals, verticals, images } = rulingsFromOps(ops, multiply(turn, vt));
  return { number, width, height, items: collapseOverprint(items), horizontals, verticals, imageCount: images };
}

/** Rotation (0/90/180/270) that makes the majority of text horizontal and upright. */
function dominantRotation(ms: Matrix[]): 0 | 90 | 180 | 270 {
  const votes = [0, 0, 0, 0];
  for (const m of ms) {
    const angle = Math.atan2(m[1], m[0]); // text direction in viewport space (y down)
    const q = ((Math.round(angle / (Math.PI / 2)) % 4) + 4) % 4;
    votes[q]++;
  }
  const best = votes.indexOf(Math.max(...votes));
  return ([0, 270, 180, 90] as const)[best];
}

/** Matrix turning viewport space by `rot` degrees so that rotated text becomes horizontal. */
function rotationMatrix(rot: number, w: number, h: number): Matrix {
  switch (rot) {
    case 90: // text runs upward → rotate clockwise
      return matrix(0, 1, -1, 0, h, 0);
    case 270:
      return matrix(0, -1, 1, 0, 0, w);
    case 180:
      return matrix(-1, 0, 0, -1, w, h);
    default:
      return IDENTITY;
  }
}

/** Split a text run at wide blank gaps (2+ spaces), estimating x positions by character widths. */
export function splitOnWideGaps(str: string, x0: number, width: number): { str: string; x0: number; x1: number }[] {
  if (!/\S\s{2,}\S/.test(str)) {
    const lead = emWidth(str.match(/^\s*/)![0]);
    const total = emWidth(str) || 1;
    const trail = emWidth(str.match(/\s*$/)![0]);
    const unit = width / total;
    return [{ str: str.trim(), x0: x0 + lead * unit, x1: x0 + width - trail * unit }];
  }
  const total = emWidth(str) || 1;
  const unit = width / total;
  const out: { str: string; x0: number; x1: number }[] = [];
  const re = /\S+(?:\s\S+)*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(str))) {
    const before = emWidth(str.slice(0, m.index));
    const w = emWidth(m[0]);
    out.push({ str: m[0], x0: x0 + before * unit, x1: x0 + (before + w) * unit });
  }
  return out;
}

function emWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) < 0x2e80 ? 0.5 : 1;
  return w;
}

const STROKE_OPS = new Set([
  OPS.stroke,
  OPS.closeStroke,
  OPS.fillStroke,
  OPS.eoFillStroke,
  OPS.closeFillStroke,
  OPS.closeEOFillStroke,
]);
const FILL_OPS = new Set([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke]);

/** The rules a page draws, collected path by path in page space. */
class Rulings {
  readonly horizontals: Segment[] = [];
  readonly verticals: Segment[] = [];
  // the points of the path being read, in page space, flat (x0, y0, x1, y1, …); reused for every
  // path, as a page draws tens of thousands of them
  private readonly xy: number[] = [];

  private addSeg(ax: number, ay: number, bx: number, by: number, thickness: number): void {
    const dx = Math.abs(ax - bx);
    const dy = Math.abs(ay - by);
    if (thickness > 6) return; // a filled band, not a rule
    if (dy <= 1 && dx > 2) {
      const y = (ay + by) / 2;
      this.horizontals.push({ x0: Math.min(ax, bx), x1: Math.max(ax, bx), y0: y, y1: y });
    } else if (dx <= 1 && dy > 2) {
      const x = (ax + bx) / 2;
      this.verticals.push({ x0: x, x1: x, y0: Math.min(ay, by), y1: Math.max(ay, by) });
    }
  }

  /** One subpath, the points xy[from…to): its edges, or the rule a thin filled rectangle draws. */
  private paintSubpath(from: number, to: number, stroked: boolean, filled: boolean, thickness: number): void {
    const xy = this.xy;
    if (filled && !stroked) {
      let minX = Infinity;
      let maxX = -Infinity;
      let minY = Infinity;
      let maxY = -Infinity;
      for (let k = from; k < to; k += 2) {
        minX = Math.min(minX, xy[k]);
        maxX = Math.max(maxX, xy[k]);
        minY = Math.min(minY, xy[k + 1]);
        maxY = Math.max(maxY, xy[k + 1]);
      }
      const w = maxX - minX;
      const h = maxY - minY;
      // thin filled rectangles are how many producers draw cell borders
      if (h <= 3 && w > 2) this.addSeg(minX, (minY + maxY) / 2, maxX, (minY + maxY) / 2, h);
      else if (w <= 3 && h > 2) this.addSeg((minX + maxX) / 2, minY, (minX + maxX) / 2, maxY, w);
      return;
    }
    for (let k = from + 2; k < to; k += 2) this.addSeg(xy[k - 2], xy[k - 1], xy[k], xy[k + 1], thickness);
  }

  /**
   * One constructPath operator (pdf.js packs the path into `buf`: 0 moveTo, 1 lineTo, 2 curveTo,
   * 3 quadratic curveTo, else closePath), painted by `paintOp` under `ctm`.
   */
  path(paintOp: number, buf: Float32Array, ctm: Matrix, lineWidth: number): void {
    const stroked = STROKE_OPS.has(paintOp);
    const filled = FILL_OPS.has(paintOp);
    if (!stroked && !filled) return;
    const thickness = lineWidth * (Math.hypot(ctm[0], ctm[1]) || 1);
    // indexed, not destructured: a typed array's iterator is slow on this path
    const m0 = ctm[0];
    const m1 = ctm[1];
    const m2 = ctm[2];
    const m3 = ctm[3];
    const m4 = ctm[4];
    const m5 = ctm[5];
    const xy = this.xy;
    const point = (x: number, y: number) => xy.push(m0 * x + m2 * y + m4, m1 * x + m3 * y + m5);
    xy.length = 0;
    let start = 0;
    for (let k = 0; k < buf.length;) {
      const op = buf[k++];
      if (op === 0) {
        // moveTo: a new subpath
        if (xy.length > start) this.paintSubpath(start, xy.length, stroked, filled, thickness);
        start = xy.length;
        point(buf[k], buf[k + 1]);
        k += 2;
      } else if (op === 1) {
        point(buf[k], buf[k + 1]);
        k += 2;
      } else if (op === 2) {
        point(buf[k + 4], buf[k + 5]);
        k += 6;
      } else if (op === 3) {
        point(buf[k + 2], buf[k + 3]);
        k += 4;
      } else if (xy.length > start) {
        // closePath: back to the subpath's first point
        xy.push(xy[start], xy[start + 1]);
      }
    }
    if (xy.length > start) this.paintSubpath(start, xy.length, stroked, filled, thickness);
  }
}

/** Ruling lines from the operator list: stroked paths and thin filled rectangles; images counted. */
function rulingsFromOps(
  ops: { fnArray: number[]; argsArray: any[] },
  base: Matrix,
): { horizontals: Segment[]; verticals: Segment[]; images: number } {
  const rulings = new Rulings();
  let images = 0;
  let ctm: Matrix = base;
  const stack: Matrix[] = [];
  let lineWidth = 1;
  const lwStack: number[] = [];
  const { fnArray, argsArray } = ops;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i];
    switch (fn) {
      case OPS.save:
        stack.push(ctm);
        lwStack.push(lineWidth);
        break;
      case OPS.restore:
        ctm = stack.pop() ?? base;
        lineWidth = lwStack.pop() ?? 1;
        break;
      case OPS.transform:
        ctm = multiply(ctm, toMatrix(args));
        break;
      case OPS.paintFormXObjectBegin:
        stack.push(ctm);
        if (isMatrixArg(args?.[0])) ctm = multiply(ctm, toMatrix(args[0]));
        break;
      case OPS.paintFormXObjectEnd:
        ctm = stack.pop() ?? base;
        break;
      case OPS.setLineWidth:
        lineWidth = args[0];
        break;
      case OPS.paintImageXObject:
      case OPS.paintImageMaskXObject:
      case OPS.paintInlineImageXObject:
      case OPS.paintImageXObjectRepeat:
        images++;
        break;
      case OPS.constructPath: {
        const buf = args[1]?.[0] as Float32Array | null;
        if (buf) rulings.path(args[0] as number, buf, ctm, lineWidth);
        break;
      }
    }
  }
  return { horizontals: rulings.horizontals, verticals: rulings.verticals, images };
}
