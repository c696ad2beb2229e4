import { describe, expect, it } from 'vitest';
import { parseAmount } from './amount.js';

describe('parseAmount', () => {
  it('keeps the digits exactly as printed', () => {
    expect(parseAmount('734.72')?.text).toBe('734.72');
    expect(parseAmount('0.00')?.text).toBe('0.00');
    expect(parseAmount('7,347,200.00')?.text).toBe('7347200.00');
    expect(parseAmount('12.5')?.text).toBe('12.5');
  });
  it('reads full-width digits, signs and separators', () => {
    expect(parseAmount('１，２３４．５６')?.text).toBe('1234.56');
    expect(parseAmount('－12.50')?.text).toBe('-12.50');
    expect(parseAmount('(3.00)')?.text).toBe('-3.00');
  });
  it('treats dashes and blanks as no value', () => {
    for (const s of ['', ' ', '-', '—', '——', '/', '－']) expect(parseAmount(s)).toBeNull();
  });
  it('refuses text that is not an amount', () => {
    for (const s of ['合计', '1,23.4', '12a', '2024年', '1.2.3']) expect(parseAmount(s)).toBeNull();
  });
  it('counts cents without float drift', () => {
    expect(parseAmount('0.1')?.cents).toBe(10n);
    expect(parseAmount('90071992547409.93')?.cents).toBe(9007199254740993n);
  });
});

describe('figures as printed', () => {
  it('reads spaces inside figures and thousands separators', () => {
    expect(parseAmount('16. 62')?.text).toBe('16.62');
    expect(parseAmount('1,234.50')?.text).toBe('1234.50');
  });
  it('takes no OCR confusion for a figure (those are undone on OCR text only)', () => {
    expect(parseAmount('1O5.0O')).toBeNull();
    expect(parseAmount('16，62')).toBeNull();
    expect(parseAmount('12,3456')).toBeNull();
  });
});

describe('toYuan', () => {
  it('moves the point four places for 万元, exactly', async () => {
    const { toYuan } = await import('./amount.js');
    expect(toYuan('734.72', '万元')).toBe('7347200');
    expect(toYuan('32365.090089', '万元')).toBe('323650900.89');
    expect(toYuan('0.3', '万元')).toBe('3000');
    expect(toYuan('0.00', '万元')).toBe('0');
    expect(toYuan('-12.5', '万元')).toBe('-125000');
    expect(toYuan('0.000001', '万元')).toBe('0.01');
    expect(toYuan('7347200.00', '元')).toBe('7347200.00');
  });
});
