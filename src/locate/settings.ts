/** Locate's tuning constants: name, unit, why, default. Distances are PDF points. */

/** pt: a title's marks (单位, 公开0x表) may sit this far below its line and still belong to it. */
export const MARK_GAP = 12;
/** pt: a table's header or first rule lies within this distance below its title. */
export const TITLE_TO_TABLE = 60;
/** em: a gap wider than this splits a text line into segments (cells of a table without rules). */
export const SEGMENT_GAP = 1.2;
