/**
 * Amounts exactly as printed. Values stay decimal strings (no float drift): thousands separators
 * and full-width forms go, the digits stay. `-`, `—`, `/` and blank mean "no value".
 */
import type { Unit } from '../model/unit.js';
import { halfWidth, squash } from './text.js';

export interface Amount {
  /** canonical decimal text, e.g. "7347200.00", "-12.5", "0.00" */
  text: string;
  /** hundredths as an integer where the value has ≤ 2 decimals; used by checks */
  cents: bigint | null;
}

const NO_VALUE = /^[-—–‐－/／\\]*$|^(无|空|——)$/;
const AMOUNT = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

/** The amount printed in `raw`, or null (OCR's confusions are undone earlier, on OCR text only: ocr/figures.ts). */
export function parseAmount(raw: string): Amount | null {
  let s = squash(halfWidth(raw)).replace(/[，]/g, ',');
  if (!s || NO_VALUE.test(s)) return null;
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

/** True when the text looks like a printed amount (used to tell header rows from data rows). */
export function looksLikeAmount(raw: string): boolean {
  return parseAmount(raw) !== null;
}

/** Decimal amount text with a separator or a decimal point: not a row number or a column number. */
export function looksLikeMoney(raw: string): boolean {
  const s = squash(halfWidth(raw));
  return parseAmount(raw) !== null && /[.,]/.test(s);
}

/**
 * A value in 元, exactly: the printed digits with the point moved (no floating point), so that
 * 万元 and 元 tables sum in one column ("734.72" 万元 → "7347200", "32365.090089" → "323650900.89").
 */
export function toYuan(value: string, unit: Unit): string {
  if (unit === '元') return value;
  const neg = value.startsWith('-');
  const [int, frac = ''] = (neg ? value.slice(1) : value).split('.');
  const digits = int + frac.padEnd(4, '0');
  const point = int.length + 4;
  const whole = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const rest = digits.slice(point);
  const out = rest ? `${whole}.${rest}` : whole;
  return neg && /[1-9]/.test(out) ? `-${out}` : out;
}
