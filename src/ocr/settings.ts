/** OCR's tuning constants: name, unit, why, default. */

export type OcrEngine = 'tesseract' | 'ppocr';

/**
 * The engine that reads scans unless one is asked for: PP-OCRv4 reads the figures and headings of
 * scanned tables better than tesseract at a third of its CPU per page (more memory: ~0.5 GB a
 * worker); tesseract stays as `--ocr-engine tesseract`.
 */
export const DEFAULT_OCR_ENGINE: OcrEngine = 'ppocr';

/**
 * Resolution pages are rendered at, dpi: 150 dpi loses decimal points in 8 pt figures; 300 dpi
 * is 2× slower for no gain.
 */
export const DEFAULT_OCR_DPI = 200;
/** Factor the cleaned page is enlarged by for tesseract (see raster's `upscale`): chi_sim reads small print better. */
export const OCR_SCALE = 2;
/** OCR word confidence (0–100) below which a cell is flagged as doubtful (document status `warnings`). */
export const LOW_CONFIDENCE = 60;
/** confidence 0–100 given to a figure whose readings disagree (low enough to be flagged). */
export const DISAGREEING_CONFIDENCE = 30;
/** confidence 0–100 at most for a figure whose readings differ only in a separator (the point kept). */
export const SEPARATOR_CONFIDENCE = 70;
/** confidence 0–100 for a figure every reading (3 or more) agrees on: tesseract scores whitelisted lines at 0. */
export const AGREEING_CONFIDENCE = 95;
/** confidence 0–100 under which a short word in a column of figures is read again as a figure. */
export const UNSURE_WORD_CONFIDENCE = 50;
/** confidence 0–100 an unread stretch of ink needs after the figure pass to be kept as a word. */
export const UNREAD_KEEP_CONFIDENCE = 30;
/** inches: ruling lines shorter than this are not rules (found on the rendered page, in pixels at its dpi). */
export const MIN_RULE_INCHES = 0.3;

/**
 * Address space a renderer or reader may take, MB: a 200 dpi A3 page is ~8 MB of grey and
 * tesseract with chi_sim stays under ~600 MB; a page whose declared size would make a gigapixel
 * image fails instead of taking the machine.
 */
export const OCR_PROGRAM_MEMORY_MB = 2048;

/**
 * Pixels a side of a rendered page at most (the rest is cut off): an A3 sheet at 200 dpi is
 * 2,339 × 3,307, and disclosures are printed on A4 or A3. The page image is read inside the worker
 * (PP-OCR) in several working copies, so its area, not the worker's heap ceiling, bounds the
 * worker's memory: a page that declares a size of metres must not render to gigapixels.
 */
export const MAX_RENDER_PIXELS_SIDE = 4_000;

// PP-OCRv4 engine (`ppocr.ts`, the default; --ocr-engine / GONGKAI_OCR_ENGINE choose); measured with
// scripts/ocr-eval/

/**
 * dpi the page is scaled to for text detection: print 7–12 pt is 9–16 px high there, enough for
 * the detector; a higher resolution found the same boxes at more CPU and memory.
 */
export const PPOCR_DET_DPI = 96;
/**
 * inches of blank paper kept around the page's print when the detector is shown only that part of
 * the page (its time goes with the area): DB's boxes reach a fraction of a line beyond the ink, and
 * the paper keeps the image's edge away from the print.
 */
export const PPOCR_DET_MARGIN_INCHES = 0.25;
/** ink pixels a row or column of the page needs to count as print for that part: a speck does not. */
export const PPOCR_EXTENT_MIN_PIXELS = 2;
/** 0–1 probability above which a pixel of the detection map is text (PaddleOCR's DB default). */
export const PPOCR_DET_THRESHOLD = 0.3;
/** 0–1 mean probability a detected region needs to be kept as a box (PaddleOCR's DB default). */
export const PPOCR_BOX_THRESHOLD = 0.5;
/** ratio a detected region is grown back by (DB learns shrunk regions; PaddleOCR's "unclip" default). */
export const PPOCR_UNCLIP = 1.6;
/** px: height crops are scaled to for the recognizer (the PP-OCRv4 model's input height). */
export const PPOCR_REC_HEIGHT = 48;
/** px at PPOCR_REC_HEIGHT: widest crop recognized in one go; longer boxes are read in pieces (bounds memory). */
export const PPOCR_REC_MAX_WIDTH = 1600;
/**
 * px at PPOCR_REC_HEIGHT: total width of one recognition batch; onnxruntime's memory grows with
 * the largest input seen.
 */
export const PPOCR_REC_BATCH_WIDTH = 2400;
/** crops per recognition batch at most: more gave no CPU gain on the evaluation pages. */
export const PPOCR_REC_BATCH_SIZE = 8;
/**
 * Whether onnxruntime plans the recognizer's memory per input shape ("memory pattern"): the crops'
 * widths make a new shape almost every batch, so the plan is rarely reused; off saved ~10 % of
 * the CPU of d16's first 8 pages (12.3 → 11.1 s, process.cpuUsage). Detection keeps it (one shape a page size).
 */
export const PPOCR_REC_MEM_PATTERN = false;
/**
 * The same for detection: its input is the printed part of each page, a new shape almost every
 * page; with the plan on, the second run of a shape cost as much as the first (the plan's memory
 * taken afresh), with it off only the first.
 */
export const PPOCR_DET_MEM_PATTERN = false;

/**
 * A detected box is reached out to a thin stroke beside it (the 一 of 一般…, which DB leaves out of
 * its text region as it would a rule): the widest blank, as a share of the box's height, between
 * the box's ink and the stroke (a character's spacing; cells stand further apart), and how far the
 * box may reach, as a share of its height (one character).
 */
export const PPOCR_STROKE_GAP = 0.3;
export const PPOCR_STROKE_REACH = 0.9;
/**
 * Blank paper, as a share of the box's height, a piece of a box cut at a vertical rule is read
 * with on the cut side: the cut ends at the ink, and the recognizer, trained on crops with DB's
 * margins, drops or misreads the characters at a bare edge (a quarter of the height read
 * "9,312.90" as "9,312.0"; 0.6–1.0 read a ruled column of figures alike).
 */
export const PPOCR_CUT_MARGIN = 0.8;
/**
 * 0–1: a character at the end of a box whose ink runs on into the next box's, read with less than
 * this probability, is a piece of the neighbour's first character (a half of 额 read 客, of 政 read
 * 正: 0.3–0.5) when the neighbour's is surer; a character read whole scores over 0.9.
 */
export const PPOCR_CUT_PIECE_PROBABILITY = 0.6;
/**
 * 0–1: a run none of whose characters is read with this probability is not print (a speck read as
 * 牌院 at 0.1); print read badly still has some characters over it.
 */
export const PPOCR_MIN_RUN_PROBABILITY = 0.3;
/**
 * Width of a box's ink, in multiples of its height, from which a box of print is read with paper
 * above and below (`atPrintScale`): lines of text (20–35), not figures in cells (under 9 for
 * 293,810,000.00), which lose digits read smaller on a 150 dpi scan.
 */
export const PPOCR_PRINT_SCALE_MIN_WIDTH = 14;
/** Margin above and below a box's ink rows, as a share of the ink's height (see `fitToInkRows`). */
export const PPOCR_INK_ROW_MARGIN = 0.35;
/** px: the least margin kept above and below the ink (a row of 一 or of dashes is a few px high). */
export const PPOCR_MIN_MARGIN_PX = 4;
/**
 * Ink width per character, as a share of the ink's height, below which a run read as Chinese
 * characters or digits (but 1) is a sliver (a rule's remnant beside a cut, a speck of noise): the
 * narrowest printed Chinese characters (川, 小) are over half as wide as they are high, digits
 * about half.
 */
export const PPOCR_MIN_GLYPH_WIDTH = 0.3;
/** ink pixels the skew estimate scores at most (a page of heavy ink is thinned to this: time, not accuracy). */
export const SKEW_MAX_POINTS = 400_000;
/** Share of the tallest band of ink rows in a box a band must reach to be a line of print (see `splitInkLines`). */
export const PPOCR_LINE_BAND = 0.5;
/** every how many ink points the coarse skew search (0.25° steps) scores: the fine search scores all. */
export const SKEW_COARSE_STRIDE = 5;
/**
 * Share of the page's median detected box height each band of a box must reach for the box to be
 * split into lines: a line's ink is about 0.6 of its box (DB's margins), a part of one character
 * (米 or 大 of 类) about 0.3.
 */
export const PPOCR_SPLIT_LINE = 0.45;
/** px: a low band of ink this near a box's top or bottom edge is the neighbouring line cut by the box. */
export const PPOCR_EDGE_BAND_PX = 2;
/** Confidence (0–100) given a cell whose OCR'd subject code doubts its row's name (under LOW_CONFIDENCE: flagged). */
export const CODE_DOUBT_CONFIDENCE = 30;
