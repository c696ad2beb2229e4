/**
 * Builds `vocabulary.json`, the names OCR readings are matched against, from real disclosures
 * read through their text layer: full texts (tab-separated table rows, as in shared/reference) and
 * cells.csv files of gongkai runs. Only cells without an OCR confidence are used.
 *
 *   node --import tsx scripts/buildVocabulary.ts ../shared/reference/*.txt OUT/cells.csv
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { coreName, coreColumn } from '../src/ocr/vocabulary.js';

const subjects = new Map<string, Set<string>>();
const labels = new Set<string>();
const columns = new Set<string>();
const addSubject = (code: string, name: string) => {
  const n = coreName(name);
  if (!n || /\d/.test(n)) return;
  if (!subjects.has(code)) subjects.set(code, new Set());
  subjects.get(code)!.add(n);
};

for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.csv')) {
    const rows = parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    for (const r of rows) {
      if (r.confidence) continue;
      if (r.row_code) addSubject(r.row_code, r.row_name);
      else if (r.row_name && !/\d/.test(coreName(r.row_name))) labels.add(coreName(r.row_name));
      // a heading that swallowed a mark line ("单位：万元") is a misreading, not a name
      for (const part of (r.column ?? '').split('/'))
        if (coreColumn(part) && !/\d|单位|名称|[:：]/.test(coreColumn(part))) columns.add(coreColumn(part));
    }
  } else {
    for (const line of text.split('\n')) {
      const m = /^(\d{3}|\d{5}|\d{7})\t+([^\t\d]+?)\t/.exec(line);
      if (m) addSubject(m[1], m[2]);
    }
  }
}

const out = {
  about:
    'Names printed in real disclosures (text layer), for matching OCR readings. Built by scripts/buildVocabulary.ts.',
  subjects: Object.fromEntries(
    [...subjects].sort((a, b) => a[0].localeCompare(b[0])).map(([c, s]) => [c, [...s].sort()]),
  ),
  labels: [...labels].sort(),
  columns: [...columns].sort(),
};
const target = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'ocr', 'vocabulary.json');
writeFileSync(target, JSON.stringify(out, null, 1) + '\n');
console.log(`${subjects.size} subject codes, ${labels.size} row labels, ${columns.size} column labels → ${target}`);
