/**
 * Which pages need OCR: a page with images and no text, or a text layer that decodes to garbage
 * (replacement or private-use characters, Latin-1 gibberish, Latin letters where a Chinese
 * disclosure has Chinese). Decided per page, and the reason is recorded.
 */
import type { PdfPage } from '../model/content.js';

/** Why a page must be read by OCR, or null when its text layer serves. */
export function ocrReason(page: PdfPage): string | null {
  const text = page.items
    .map((i) => i.str)
    .join('')
    .replace(/\s+/g, '');
  if (!text.length) return page.imageCount ? 'no text layer (scanned image)' : null;
  const count = (re: RegExp) => (text.match(re) ?? []).length;
  const n = [...text].length;
  // control characters are what a broken font map decodes to
  // eslint-disable-next-line no-control-regex
  const bad = count(/[\ufffd\ue000-\uf8ff\u0000-\u0008\u000e-\u001f\u0080-\u009f]/g);
  const latin1 = count(/[\u00c0-\u00ff]/g);
  const cjk = count(/[\u3400-\u9fff]/g);
  const letters = count(/[A-Za-z]/g);
  if (n >= 5 && bad / n > 0.2) return 'text layer of replacement or private-use characters';
  if (n >= 10 && latin1 / n > 0.2 && cjk / n < 0.05)
    return 'text layer of Latin-1 gibberish (a font without a usable Unicode map)';
  if (n >= 20 && letters / n > 0.5 && cjk / n < 0.05) return 'text layer of Latin letters where Chinese is expected';
  return null;
}
