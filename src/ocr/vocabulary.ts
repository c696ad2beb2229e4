/**
 * OCR misreads Chinese names one character at a time (住房 → 住再, 巩固 → 项固). A name read by OCR
 * that lies within a small edit distance of exactly one name real disclosures print — for its
 * subject code when the row has one — is taken to be that name. The vocabulary is data
 * (`vocabulary.json`, built from real documents' text layers by `buildVocabulary.ts`); names it
 * does not hold are left as read.
 */
import { editDistance, squash } from '../normalize/text.js';
import data from './vocabulary.json' with { type: 'json' };

interface Vocabulary {
  subjects: Record<string, string[]>;
  labels: string[];
  columns: string[];
}

function vocabulary(): Vocabulary {
  return data as Vocabulary;
}

const ENUMERATOR =
  /^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|\d{1,2}[.、．])/;
/** A row name without its enumerator ("五、住房保障支出" → "住房保障支出") and stray edge punctuation. */
export function coreName(name: string): string {
  return stripEdges(squash(name)).replace(ENUMERATOR, '');
}
/** A column label without a leading year ("2024年“三公”经费预算数" → "“三公”经费预算数"). */
export function coreColumn(label: string): string {
  return stripEdges(squash(label)).replace(/^\d{4}年度?/, '');
}
/** Specks OCR reads as punctuation at the edges of a heading or name: "。商品和服务支出", "决算数。。" */
function stripEdges(s: string): string {
  return s.replace(/^[。，、·.]+/, '').replace(/[。，、·]+$/, '');
}

/** Quotes are small marks OCR often loses ("财政拨款三公经费"): names are compared without them. */
const unquoted = (s: string) => s.replace(/[“”"‘’'″]/g, '');

/** The one candidate within reach of `read`, or undefined (none, or two equally near). */
function nearest(read: string, candidates: Iterable<string>, allowed: number): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  let tie = false;
  const r = unquoted(read);
  for (const c of candidates) {
    const u = unquoted(c);
    if (Math.abs(u.length - r.length) > allowed) continue;
    const d = editDistance(r, u);
    if (d < bestD) [best, bestD, tie] = [c, d, false];
    else if (d === bestD && c !== best) tie = true;
  }
  return best !== undefined && bestD <= allowed && !tie ? best : undefined;
}

/**
 * The name an OCR reading stands for. With a subject code, the code's own names are the
 * candidates (one misread character in four allowed); without, every label and subject name (one
 * in six). Returns the reading, edges cleaned, when nothing matches.
 */
export function matchName(read: string, code: string): string {
  const v = vocabulary();
  const cleaned = stripEdges(squash(read));
  const prefix = ENUMERATOR.exec(cleaned)?.[0] ?? '';
  const core = cleaned.slice(prefix.length);
  if (!core) return cleaned;
  const own = code ? v.subjects[code] : undefined;
  if (own?.includes(core)) return cleaned;
  const byCode = own ? nearest(core, own, Math.max(1, Math.floor(core.length / 4))) : undefined;
  if (byCode) return prefix + byCode;
  if (v.labels.includes(core) || Object.values(v.subjects).some((s) => s.includes(core))) return cleaned;
  const any = nearest(core, allNames(), Math.floor(core.length / 6));
  return any ? prefix + any : cleaned;
}

/** The column label an OCR reading stands for (one misread character in six). */
export function matchColumn(read: string): string {
  const cleaned = stripEdges(squash(read));
  const v = vocabulary();
  if (v.columns.includes(cleaned)) return cleaned;
  const year = /^\d{4}年度?/.exec(cleaned)?.[0] ?? '';
  const core = cleaned.slice(year.length);
  const hit = nearest(core, v.columns, Math.floor(core.length / 6));
  return hit ? year + hit : cleaned;
}

let names: string[] | undefined;
function allNames(): string[] {
  const v = vocabulary();
  names ??= [...new Set([...v.labels, ...Object.values(v.subjects).flat()])];
  return names;
}

let owners: Map<string, string[]> | undefined;
/**
 * Whether an OCR'd subject code doubts its row's name: the code's first digit starts no class
 * (classes are 1xx income, 2xx function, 3xx and 5xx economic), or the name is one only another
 * code, not this code's parent or child, prints while this code prints no name like it (2101101
 * 行政单位医疗 read as 21001: the 款 digits lost).
 */
export function codeDoubtsName(code: string, name: string): boolean {
  if (!/^\d{3,}$/.test(code)) return false;
  if (!/^[1-5]/.test(code)) return true;
  const v = vocabulary();
  if (!owners) {
    owners = new Map();
    for (const [c, list] of Object.entries(v.subjects))
      for (const n of list) owners.set(n, [...(owners.get(n) ?? []), c]);
  }
  const core = coreName(name);
  const own = owners.get(core);
  if (!own || own.includes(code)) return false;
  // a code and its own parent or child print each other's names (310 其他资本性支出 beside 31099's)
  if (own.some((c) => c.startsWith(code) || code.startsWith(c))) return false;
  return own.length === 1 && !(v.subjects[code] ?? []).some((n) => editDistance(n, core) <= 1);
}
