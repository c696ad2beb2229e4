/** What a format reader hands to the rest of the pipeline. */

/** One run of text on a PDF page, in page space with the origin top-left (y grows downward). */
export interface TextItem {
  str: string;
  x0: number;
  x1: number;
  /** top and bottom of the glyph box */
  y0: number;
  y1: number;
  fontSize: number;
  /** OCR confidence 0–100 (absent for text from a text layer) */
  confidence?: number;
}

/** A ruling line: horizontal (y0 === y1) or vertical (x0 === x1). */
export interface Segment {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PdfPage {
  number: number; // 1-based
  width: number;
  height: number;
  items: TextItem[];
  horizontals: Segment[];
  verticals: Segment[];
  imageCount: number;
}

export interface PdfContent {
  format: 'pdf';
  pages: PdfPage[];
}

/** A table grid as a word processor or spreadsheet stores it (merged cells already expanded). */
export interface SourceCell {
  text: string;
  /** where it came from: table index, row and column in the source file */
  row: number;
  col: number;
}
export interface SourceTable {
  index: number;
  /** the worksheet a workbook's table came from */
  sheet?: string;
  /** rows × columns; a merged cell appears in every slot it spans (same object) */
  rows: (SourceCell | null)[][];
}

/** A flowing document (DOCX, HTML…): paragraphs and tables in reading order. */
export type FlowBlock = { type: 'paragraph'; text: string } | { type: 'table'; table: SourceTable };

export interface FlowContent {
  format: 'docx' | 'xlsx';
  blocks: FlowBlock[];
}

export type ReadContent = PdfContent | FlowContent;
