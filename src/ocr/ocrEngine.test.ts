import { afterEach, describe, expect, it } from 'vitest';
import { chooseOcrEngine } from './ocrEngine.js';

describe('chooseOcrEngine', () => {
  const saved = process.env.GONGKAI_OCR_ENGINE;
  afterEach(() => {
    if (saved === undefined) delete process.env.GONGKAI_OCR_ENGINE;
    else process.env.GONGKAI_OCR_ENGINE = saved;
  });
  it('is ppocr unless asked', () => {
    delete process.env.GONGKAI_OCR_ENGINE;
    expect(chooseOcrEngine()).toBe('ppocr');
  });
  it('takes the option first, then GONGKAI_OCR_ENGINE', () => {
    process.env.GONGKAI_OCR_ENGINE = 'TESSERACT';
    expect(chooseOcrEngine()).toBe('tesseract');
    expect(chooseOcrEngine('ppocr')).toBe('ppocr');
  });
  it('refuses an unknown engine', () => {
    expect(() => chooseOcrEngine('easyocr')).toThrow(/unknown OCR engine/);
  });
});
