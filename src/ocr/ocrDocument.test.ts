import { describe, expect, it } from 'vitest';
import type { PdfContent } from '../model/content.js';
import { ocrUnreadablePages } from './ocrDocument.js';

describe('ocrUnreadablePages', () => {
  it('with OCR turned off, reads nothing and says which pages went unread', async () => {
    const scanned = { number: 1, width: 595, height: 842, items: [], horizontals: [], verticals: [], imageCount: 1 };
    const content: PdfContent = { format: 'pdf', pages: [scanned] };
    const read = await ocrUnreadablePages(new Uint8Array(), content, { enabled: false });
    expect(read.value.ocrPages).toEqual([]);
    expect(read.messages.map((m) => [m.severity, m.text])).toEqual([
      ['warning', '1 page(s) need OCR, which the caller turned off'],
    ]);
  });
});
