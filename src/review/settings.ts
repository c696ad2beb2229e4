/** The review site's constants: name, unit, why, default. */

/** px per inch of the page images: a page of print reads comfortably at screen size, and stays small. */
export const PAGE_IMAGE_DPI = 96;

/** ms: the longest one page may take to render (poppler), past which the page is shown without image. */
export const PAGE_RENDER_TIMEOUT_MS = 60_000;

/** pages rendered at once: poppler is single-threaded, one per core. */
export const RENDER_CONCURRENCY = 2;
