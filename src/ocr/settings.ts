/** OCR's tuning constants: name, unit, why, default. */

/** Resolution pages are rendered at, dpi: 150 dpi loses decimal points in 8 pt figures; 300 dpi is 2× slower for no gain. */
export const DEFAULT_OCR_DPI = 200;
/** Factor the cleaned page is enlarged by for tesseract (see raster's `upscale`): chi_sim reads small print better. */
export const OCR_SCALE = 2;
/** OCR word confidence (0–100) below which a cell is flagged as doubtful (document status `warnings`). */
export const LOW_CONFIDENCE = 60;
