/**
 * Figures the narrative states ("本年收入合计474.06万元"), read so the checks can compare them
 * with the tables. The phrases are data: a key, a label and a pattern whose last group is the
 * amount and whose unit follows it.
 */
import type { Unit } from '../model/unit.js';
import { halfWidth } from './text.js';

export interface NarrativeFigure {
  key: string;
  label: string;
  /** the amount exactly as printed (separators removed) */
  value: string;
  unit: Unit;
  page: number | null;
  /** the words around it, to find it in the document */
  text: string;
}

const N = String.raw`(\d+(?:\.\d+)?)(万元|元)`;
const rx = (s: string) => new RegExp(s.replace(/NUM/g, N), 'g');

/** Phrases in the 情况说明 and the figure each states. Order matters only for the label. */
export const NARRATIVE_PHRASES: { key: string; label: string; pattern: RegExp }[] = [
  {
    key: 'total',
    label: '收入总计',
    pattern: rx(String.raw`(?<!财政拨款)(?:收入总计、支出总计均为|收入、支出总计均为|收入支出总计为?|收支总计为?)NUM`),
  },
  { key: 'income.current', label: '本年收入合计', pattern: rx(String.raw`本年收入合计为?NUM`) },
  { key: 'expense.current', label: '本年支出合计', pattern: rx(String.raw`本年支出合计为?NUM`) },
  {
    key: 'expense.basic',
    label: '本年支出合计其中基本支出',
    pattern: rx(String.raw`本年支出合计为?\d[^。]{0,16}?其中:基本支出为?NUM`),
  },
  {
    key: 'expense.project',
    label: '本年支出合计其中项目支出',
    pattern: rx(String.raw`本年支出合计为?\d[^。]{0,60}?项目支出为?NUM`),
  },
  {
    key: 'fiscal.total',
    label: '财政拨款收入总计',
    pattern: rx(String.raw`财政拨款(?:收入总计、支出总计均为|收入、支出总计均为|收入支出总计为?)NUM`),
  },
  {
    key: 'gpb.basic',
    label: '一般公共预算财政拨款基本支出',
    pattern: rx(String.raw`一般公共预算财政拨款基本支出为?NUM`),
  },
  {
    key: 'gpb.personnel',
    label: '人员经费',
    pattern: rx(String.raw`一般公共预算财政拨款基本支出为?\d.{0,60}?人员经费为?NUM`),
  },
  {
    key: 'gpb.public',
    label: '公用经费',
    pattern: rx(String.raw`一般公共预算财政拨款基本支出为?\d.{0,400}?公用经费为?NUM`),
  },
  {
    key: 'three.final',
    label: '“三公”经费支出决算',
    pattern: rx(
      String.raw`"三公"经费(?:财政拨款)?支出(?:(?!因公出国|公务用车|公务接待)[^。]){0,30}?支出决算(?:数)?为?NUM`,
    ),
  },
  { key: 'three.budget', label: '“三公”经费预算数', pattern: rx(String.raw`"三公"经费预算数为?NUM`) },
];

/** One page's (or paragraph's) text as one line: no whitespace, half-width, straight quotes. */
function flattenText(s: string): string {
  return halfWidth(s)
    .replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, '')
    .replace(/[“”„‟″]/g, '"')
    .replace(/(\d),(?=\d{3}(?!\d))/g, '$1');
}

/**
 * Every stated figure, once per key and place. A key that several passages state with different
 * amounts keeps them all: each is compared with the table.
 */
export function narrativeFigures(passages: { page: number | null; text: string }[]): NarrativeFigure[] {
  const out: NarrativeFigure[] = [];
  const seen = new Set<string>();
  for (const p of passages) {
    const flat = flattenText(p.text);
    for (const ph of NARRATIVE_PHRASES) {
      for (const m of flat.matchAll(ph.pattern)) {
        const value = m[m.length - 2];
        const unit = m[m.length - 1] as Unit;
        const id = `${ph.key}|${value}|${unit}`;
        if (seen.has(id)) continue;
        seen.add(id);
        const end = (m.index ?? 0) + m[0].length;
        out.push({
          key: ph.key,
          label: ph.label,
          value,
          unit,
          page: p.page,
          text: flat.slice(Math.max(0, end - 40), end),
        });
      }
    }
  }
  return out;
}
