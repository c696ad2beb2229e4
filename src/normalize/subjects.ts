/**
 * The canonical subject code of a row: the code printed beside it, or, where a table prints only
 * the name (a summary table's 一、一般公共服务支出), the code the document itself gives that name in
 * its coded tables, or else the 类 of the national function classification with that name (the
 * names of earlier years included). A name the document codes in two ways gets no code.
 */
import data from './functionClasses.json' with { type: 'json' };
import { squash } from './text.js';

export interface SubjectCell {
  row_code: string;
  row_name: string;
}

const CLASS_BY_NAME = new Map(
  Object.entries(data.classes as Record<string, string[]>).flatMap(([code, names]) => names.map((n) => [n, code])),
);

/** 一、 （一） 1. 其中： before a name are numbering, not part of it. */
const NUMBERING = /^(其中[:：]?|[(（]?[一二三四五六七八九十\d]+[)）、.．]?)+/;
const nameKey = (name: string) => squash(name).replace(NUMBERING, '');

/** name → code over the rows the document prints with a code; a name with two codes maps to ''. */
function codesByName(cells: SubjectCell[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of cells) {
    if (!c.row_code) continue;
    const k = nameKey(c.row_name);
    if (!k) continue;
    const seen = out.get(k);
    out.set(k, seen === undefined || seen === c.row_code ? c.row_code : '');
  }
  return out;
}

/** The subject code of every cell, in order: printed, else from the document's names, else the 类 list. */
export function subjectCodes(cells: SubjectCell[]): string[] {
  const byName = codesByName(cells);
  return cells.map((c) => {
    if (c.row_code) return c.row_code;
    const k = nameKey(c.row_name);
    return byName.has(k) ? byName.get(k)! : (CLASS_BY_NAME.get(k) ?? '');
  });
}
