/** Whole documents from corpus/ (made by scripts/make-fixtures.ts) against their expected cells. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extract } from '../src/index.js';
import { diffCells, type Expected } from './compare.js';

const corpus = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'corpus');
const fixtures = readdirSync(corpus).filter((f) => f.endsWith('.expected.json'));

describe.each(fixtures)('%s', (name) => {
  const expected = JSON.parse(readFileSync(path.join(corpus, name), 'utf8')) as Expected;
  it('yields exactly the expected cells and metadata', async () => {
    const doc = await extract(path.join(corpus, expected.document));
    expect(doc.error).toBeNull();
    expect({ kind: doc.kind, year: doc.year, entity: doc.entity, unit: doc.unit }).toEqual({
      kind: expected.kind,
      year: expected.year,
      entity: expected.entity,
      unit: expected.unit,
    });
    expect(doc.tables.map((t) => t.number)).toEqual(expected.tables);
    const { missing, extra } = diffCells(doc, expected);
    expect(missing).toEqual([]);
    expect(extra).toEqual([]);
    // every value keeps its page and position
    for (const t of doc.tables) for (const c of t.cells) expect(c.page && c.bbox).toBeTruthy();
  });
});

it('has fixtures to check', () => {
  expect(fixtures.length).toBeGreaterThanOrEqual(3);
});
