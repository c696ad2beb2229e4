import { describe, expect, it } from 'vitest';
import type { PdfPage } from '../model/content.js';
import { ocrReason } from './quality.js';

const page = (strs: string[], imageCount = 0): PdfPage => ({
  number: 1,
  width: 595,
  height: 842,
  imageCount,
  horizontals: [],
  verticals: [],
  items: strs.map((str) => ({ str, x0: 0, x1: 10, y0: 0, y1: 10, fontSize: 10 })),
});

describe('ocrReason', () => {
  it('leaves a good Chinese text layer alone', () => {
    expect(ocrReason(page(['一般公共服务支出', '5,835,654.82', '2010301', '行政运行']))).toBeNull();
  });
  it('sends a scan (images, no text) to OCR', () => {
    expect(ocrReason(page([], 1))).toMatch(/no text layer/);
    expect(ocrReason(page([], 0))).toBeNull();
  });
  it('sends garbage text layers to OCR', () => {
    expect(ocrReason(page(['ÊÕÈë¾ö ËãÖ§³ö ºÏ¼Æ½ð¶î']))).toMatch(/Latin-1/);
    expect(ocrReason(page(['\ue001\ue002\ue003\ue004\ue005\ue006']))).toMatch(/private-use/);
    expect(ocrReason(page(['Gdjq Wkhu Vxssruw Ixqgv Wrwdo Dprxqw']))).toMatch(/Latin letters/);
  });
});
