/**
 * Reconstruct's tuning constants (pdfplumber's TableSettings is the model): name, unit, why,
 * default. Distances are PDF points unless said otherwise.
 */

/** pt: ruling-line positions closer than this are one rule (pdf.js places a stroked line's two edges apart). */
export const RULE_TOLERANCE = 1.6;
/** pt: rule columns closer than this are one column boundary (a doubled border). */
export const MIN_COLUMN_GAP = 3;
/** pt: horizontal rules this far above or below a region still belong to its table. */
export const REGION_RULE_MARGIN = 3;
/** pt: a horizontal rule shorter than this is a mark, not a row border. */
export const MIN_RULE_LENGTH = 4;
/**
 * rule bands per text line: below this the rules only frame the table (three-line table); rows
 * come from text lines.
 */
export const MIN_BANDS_PER_LINE = 0.3;
/**
 * rule bands holding figures: with at least this many, and none holding two lines of figures, the
 * rules separate rows even where wrapped cells make the bands per line few. One is enough: the last
 * page of a long table may hold one row (a three-line table's body band holds a line per row).
 */
export const MIN_FIGURE_BANDS = 1;
/**
 * The tail of a figure wrapped in a narrow cell (12,868.1 over 9, 12,868 over .19): up to three
 * digits, a decimal point before them or not.
 */
export const WRAPPED_TAIL = /^\.?\d{1,3}$/;
/** glyph heights: at most this much paper between a wrapped figure's line and its tail's (the cell's next line). */
export const WRAP_MAX_GAP = 0.8;
/** glyph widths (font size): a wrapped tail ends this close to where its figure ends (both right-aligned). */
export const WRAP_RIGHT_EDGE = 0.5;
/** glyph heights: a wider gap ends a run of glyphs read as one figure (2,500,000.00 drawn glyph by glyph). */
export const FIGURE_RUN_GAP_EM = 1.0;
/** em: in a table without rules, glyph runs closer than this are one word (a cell's text). */
export const ALIGNED_WORD_GAP = 0.12;
/** share of the narrower span: a text span overlapping a column this much lies in it. */
export const COLUMN_OVERLAP = 0.3;
/** row pitches: a wrapped line further than this from its row's line starts a row of its own. */
export const WRAP_DISTANCE = 0.8;
