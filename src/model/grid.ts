/** The common table shape every format reduces to before interpretation. */

export interface Provenance {
  page: number | null;
  /** [x0, y0, x1, y1] in PDF points, origin top-left; null for formats without geometry */
  bbox: [number, number, number, number] | null;
  /** for DOCX / XLSX: table index, row and column in the source */
  source?: { table: number; row: number; col: number; sheet?: string };
}

export interface GridCell extends Provenance {
  text: string;
  /** the lowest OCR confidence of the words in the cell (OCR pages only) */
  confidence?: number;
}

/** rows × columns; a merged cell sits in every slot it spans (the same object). */
export interface Grid {
  rows: (GridCell | null)[][];
  /** horizontal extent of each column (PDF), used to map continuation pages onto the first */
  colX?: [number, number][];
  /** how the columns were found: ruling lines, text alignment, or the source's own grid */
  method: 'rules' | 'alignment' | 'source';
}

/** The distinct cells of a row, in order: a merged cell (one object in every slot it spans) once. */
export function uniqueCells<T extends object>(row: (T | null | undefined)[]): T[] {
  return [...new Set(row.filter((c): c is T => Boolean(c)))];
}

/** Pad ragged rows so every row has the same number of slots. */
export function rectangular(rows: (GridCell | null)[][]): (GridCell | null)[][] {
  const w = rows.reduce((m, r) => Math.max(m, r.length), 0);
  return rows.map((r) => (r.length < w ? [...r, ...Array(w - r.length).fill(null)] : r));
}
