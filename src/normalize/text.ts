/** Text normalization shared by every stage. */

/** A budget subject code as printed: 类 (3 digits), 款 (5) or 项 (7). */
export const SUBJECT_CODE = /^\d{3}(?:\d{2}){0,2}$/;

/** Remove every kind of whitespace (names are compared and written without it). */
export function squash(s: string): string {
  return s.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, '');
}

const FULLWIDTH = /[\uff01-\uff5e]/g;
/** Full-width ASCII forms → half-width (digits, letters, punctuation). */
export function halfWidth(s: string): string {
  return s.replace(FULLWIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** A matching key: whitespace removed, half-width, quotes and brackets unified. */
export function matchKey(s: string): string {
  return squash(halfWidth(s))
    .replace(/[“”„‟″"]/g, '"')
    .replace(/[‘’′']/g, "'")
    .replace(/[（〔【]/g, '(')
    .replace(/[）〕】]/g, ')')
    .replace(/[：]/g, ':');
}

const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
/** 一 … 九十九 → number; undefined when not a Chinese numeral. */
export function chineseNumeral(s: string): number | undefined {
  if (!/^[零〇一二两三四五六七八九十]+$/.test(s)) return undefined;
  if (!s.includes('十')) return s.length === 1 ? CN_DIGITS[s] : undefined;
  const [tens, ones] = s.split('十');
  const t = tens ? CN_DIGITS[tens] : 1;
  const o = ones ? CN_DIGITS[ones] : 0;
  if (t === undefined || o === undefined) return undefined;
  return t * 10 + o;
}

/** Edit distance (insertions, deletions, substitutions) between two strings, by code unit. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** An organisation's name: it ends like one (…局, …委员会, …中心), perhaps with （本级）/（汇总）. */
const ORG_ENDINGS =
  '局|委|办|室|院|部|会|中心|所|站|处|厅|队|馆|校|署|社|团|府|司|场|园|台|庭|盟|联|宫|库|科|协|厂|网|报';
export const ORG_NAME = new RegExp(
  `^[\\u4e00-\\u9fff（）()]{1,40}?(?:${ORG_ENDINGS})(?:[(（](?:本级|汇总|机关|本部)[)）])?$`,
);
