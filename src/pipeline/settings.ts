/** The pipeline's limits and thresholds: name, unit, why, default. */

/**
 * bytes: a document larger than this is refused with `too-large` before it is read. Disclosures
 * are a few MB (scans a few tens); past this a file is an archive or an error, and reading it
 * would hold the worker's memory for nothing.
 */
export const MAX_DOCUMENT_BYTES = 200 * 1024 * 1024;

/**
 * figures: a table whose region prints at least this many amounts and yields no cell is reported
 * as unread (its header could not be resolved) rather than as empty.
 */
export const UNREAD_TABLE_MIN_FIGURES = 3;

/** forms: how many performance-target forms the note names before it says "…". */
export const SKIPPED_FORMS_LISTED = 6;

/**
 * ms: a library thread (isolated.ts) left idle this long ends. Kept for the next call because a
 * new thread loads pdf.js again (a few hundred ms); ended so that a caller done with gongkai does
 * not keep its memory.
 */
export const EXTRACT_THREAD_IDLE_MS = 5000;

/**
 * MB: the V8 heap ceiling of a library thread. A document that needs more fails with
 * `out-of-memory` and the caller's process goes on; the same default as a harvest worker's.
 */
export const EXTRACT_THREAD_MEMORY_MB = 1024;
