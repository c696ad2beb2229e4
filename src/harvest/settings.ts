/** The harvest's limits and scheduling: name, unit, why, default. */

/**
 * s: a document not done after this is stopped, its worker replaced (`--timeout`); the budget of its
 * text work, to which each page read by OCR adds `OCR_PAGE_SECONDS`.
 */
export const DEFAULT_TIMEOUT_SECONDS = 120;

/**
 * s per page that needs OCR, added to a document's time limit once its worker says how many it has:
 * a scan's time grows with its pages, which no fixed limit fits. Several times what either engine
 * takes for a 200 dpi page, so that a busy machine does not stop a long scan, and a page that hangs
 * is still stopped.
 */
export const OCR_PAGE_SECONDS = 20;

/**
 * MB: each worker's V8 heap ceiling (`--max-memory`); a document that needs more fails with
 * `out-of-memory` instead of taking the machine's memory.
 */
export const DEFAULT_WORKER_MEMORY_MB = 1024;

/** files hashed at once: hashing is I/O bound, a few reads in flight keep the disk busy. */
export const HASHING_CONCURRENCY = 8;

/** bytes read from the head of a stored result to learn its build and error code (they come first). */
export const RESULT_HEAD_BYTES = 4096;

/**
 * V8 bytecode budget before a function is optimized (`--interrupt-budget`): 4× V8's default, so
 * what stays hot in pdf.js is compiled and what is hot for a moment is not (see pool.ts).
 */
export const WORKER_INTERRUPT_BUDGET = 528_000;

/** ms: a stopped document's worker is busy and cannot clean up; it is ended after this. */
export const WORKER_TERMINATE_MS = 100;

/** ms: how often a worker checks that the harvest that started it is still its parent. */
export const ORPHAN_CHECK_MS = 500;

/** characters of a dead worker's stderr kept in its document's error message. */
export const WORKER_STDERR_EXCERPT = 200;
