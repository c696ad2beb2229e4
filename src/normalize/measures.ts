/**
 * Canonical keys for the figures people compare across provinces and years, so that "三公经费
 * 决算 totals per department and year" is one query whatever the layout: the items may be columns
 * (Shanghai: 财政拨款“三公”经费/合计/决算数) or rows (一、因公出国（境）费 | 决算数), and the total may
 * be of the three 三公 items (“三公”经费/小计 in Jiangsu) or of 三公 + 会议费 + 培训费 (合计 there).
 *
 * `measure` names the item; `basis` says whether the figure is the 预算 or the 决算 one: from the
 * header or row that prints 预算数 / 决算数, else the document's own kind.
 */
import { squash } from './text.js';

export interface MeasureInput {
  catalogId: string;
  kind: '决算' | '预算' | '';
  rowName: string;
  columnPath: string[];
}

export interface Measure {
  measure: string;
  basis: '决算' | '预算' | '';
}

const norm = (s: string) =>
  squash(s)
    .replace(/[“”"'‘’]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')');

/** The 三公 item a label names, or '' (a label may name the group: 三公经费, 合计, 小计). */
function threePublicItem(label: string): string {
  const t = norm(label)
    .replace(/^[一二三四五六七八九十\d]+[、.]/, '')
    .replace(/^其中[:：]?/, '');
  if (/因公出国\(?境\)?费/.test(t)) return 'three_public.abroad';
  if (/公务接待费/.test(t)) return 'three_public.reception';
  if (/公务用车购置费|^购置费$/.test(t)) return 'three_public.vehicle_purchase';
  if (/公务用车运行(维护)?费|^运行(维护)?费$/.test(t)) return 'three_public.vehicle_running';
  if (/公务用车购置及运行(维护)?费/.test(t)) return 'three_public.vehicle';
  if (/^会议费/.test(t)) return 'meeting';
  if (/^培训费/.test(t)) return 'training';
  if (/机关运行经费/.test(t)) return 'running_costs';
  return '';
}

function basisOf(labels: string[], kind: MeasureInput['kind']): Measure['basis'] {
  for (const l of labels) {
    const t = norm(l);
    if (/决算数?$|决算数/.test(t)) return '决算';
    if (/预算数?$|预算数|年初预算|全年预算/.test(t)) return '预算';
  }
  return kind;
}

/**
 * The key of a 三公 table's figure. The path is read from the most specific label up: a leaf
 * naming an item wins; 小计 / 合计 under 公务用车… is the vehicle total, under “三公”经费 the 三公 total;
 * a top-level 合计 beside 会议费 / 培训费 is the total of all five.
 */
function threePublicMeasure(labels: string[], tableHasExtras: boolean): string {
  const items = labels.map(threePublicItem);
  const item = items.find((x) => x && x !== 'three_public.vehicle');
  if (item) return item;
  if (items.includes('three_public.vehicle')) return 'three_public.vehicle';
  const isTotal = labels.some((l) => /^(合计|小计|总计)$/.test(norm(l)) || /^合计\(?.*\)?$/.test(norm(l)));
  const underThreePublic = labels.some((l) => /三公经费/.test(norm(l)) && !/会议费|培训费/.test(norm(l)));
  if (isTotal && underThreePublic) return 'three_public.total';
  if (isTotal) return tableHasExtras ? 'three_public_meeting_training.total' : 'three_public.total';
  return '';
}

/** Whether a 三公 table's columns/rows also print 会议费 or 培训费 (its plain 合计 then covers them). */
export function hasMeetingOrTraining(labels: string[]): boolean {
  return labels.some((l) => /会议费|培训费/.test(norm(l)));
}

export function measureOf(input: MeasureInput, tableHasExtras: boolean): Measure {
  const basis = basisOf([...input.columnPath, input.rowName], input.kind);
  if (/three-public/.test(input.catalogId)) {
    // most specific first: the row (where items are rows), then the column path leaf to root
    const ordered = [input.rowName, ...[...input.columnPath].reverse()].filter(Boolean);
    const m = threePublicMeasure(ordered, tableHasExtras);
    return { measure: m, basis: m ? basis : '' };
  }
  return { measure: '', basis: '' };
}
