/** What locate hands to reconstruct: where each table is and the marks printed around it. */
import type { PdfPage } from './content.js';
import type { Grid } from './grid.js';
import type { Message } from './message.js';
import type { Unit } from './unit.js';

/**
 * One standard disclosure table of the catalog (src/locate/catalog.ts holds the entries as data).
 * `order` is the table's place in the national 决算 scheme (公开01表 … 公开09表).
 */
export interface CatalogEntry {
  id: string;
  kind: '决算' | '预算';
  order?: number;
  title: string;
  aliases: string[];
  /** the table carries side-by-side 收入 | 支出 panels */
  panels?: boolean;
  /** a form of targets and indicators (绩效目标表), not an amount table: found, never extracted */
  amounts?: false;
  /** the catch-all for a budget-shaped table whose title names no catalog table */
  generic?: true;
}

/** A printed table code (公开01表, 表一 …) and the number it stands for. */
export interface TableCode {
  printed: string;
  number: number;
}

/** A band of a PDF page holding (part of) one table, in PDF points from the page's top. */
export interface Region {
  page: PdfPage;
  top: number;
  bottom: number;
}

/** A located table on its way to a schema Table: its marks and its grid (stitched across pages). */
export interface TableDraft {
  entry: CatalogEntry;
  title: string;
  code?: TableCode;
  unit?: Unit;
  pages: number[];
  grid: Grid | null;
  /** what reading it said (stitching, choices): the table's notes, its warnings the document's */
  messages: Message[];
}

/** Text outside the tables, for the figures the narrative states (page null in flowing documents). */
export interface Passage {
  page: number | null;
  text: string;
}

/** A document's located tables and the text the metadata and narrative are read from. */
export interface DraftDocument {
  drafts: TableDraft[];
  lines: string[];
  entities: string[];
  /** text outside the tables, per page, for the figures the narrative states */
  passages: Passage[];
  /** what locating says about the document as a whole (tables a list names but the document lacks, forms left out) */
  messages?: Message[];
}
