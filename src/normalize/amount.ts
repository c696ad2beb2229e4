/**
 * Amounts exactly as printed. Values stay decimal strings (no float drift): thousands separators
 * and full-width forms go, the digits stay. `-`, `—`, `/` and blank mean "no value".
 */
import { halfWidth, squash } from './text.js';

export interface Amount {
  /** canonical decimal text, e.g. "7347200.00", "-12.5", "0.00" */
  text: string;
  /** hundredths as an integer where the value has ≤ 2 decimals; used by checks */
  cents: bigint | null;
}

const NO_VALUE = /^[-—–‐－/／\\]*$|^(无|空|——)$/;
const AMOUNT = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

export function parseAmount(raw: string): Amount | null {
  let s = squash(halfWidth(raw)).replace(/[，]/g, ',');
  if (!s || NO_VALUE.test(s)) return null;
  s = ocrRepairs(s);
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1);
  }
  const m = AMOUNT.exec(s);
  if (!m) return null;
  if (m[1] === '-') negative = !negative;
  const intPart = m[2].replace(/,/g, '');
  const frac = m[3] ?? '';
  const text = `${negative ? '-' : ''}${intPart}${frac ? '.' + frac : ''}`;
  let cents: bigint | null = null;
  if (frac.length <= 2) {
    cents = BigInt(intPart) * 100n + BigInt((frac + '00').slice(0, 2));
    if (negative) cents = -cents;
  }
  return { text, cents };
}

/**
 * Confusions OCR makes in figures, undone only where nothing else is possible: a letter O among
 * digits is 0; a comma before exactly two final digits ("16,62") is a decimal point, since a
 * thousands separator is always followed by three. No digit is ever added or guessed.
 */
function ocrRepairs(s: string): string {
  if (/\d/.test(s) && /[Oo]/.test(s) && /^[-+(]?[\dOo.,]+\)?$/.test(s)) s = s.replace(/[Oo]/g, '0');
  if (!s.includes('.') && /^[-+(]?\d+,\d{2}\)?$/.test(s)) s = s.replace(',', '.');
  return s;
}

/** True when the text looks like a printed amount (used to tell header rows from data rows). */
export function looksLikeAmount(raw: string): boolean {
  return parseAmount(raw) !== null;
}

/** Decimal amount text with a separator or a decimal point: not a row number or a column number. */
export function looksLikeMoney(raw: string): boolean {
  const s = squash(halfWidth(raw));
  return parseAmount(raw) !== null && /[.,]/.test(s);
}
