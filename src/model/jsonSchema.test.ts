import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { documentResultJsonSchema } from './jsonSchema.js';

const shipped = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'schema',
  'document-result.schema.json',
);

describe('the published JSON Schema', () => {
  it('is the schema the code validates with (regenerate: node --import tsx scripts/json-schema.ts)', () => {
    expect(readFileSync(shipped, 'utf8')).toBe(documentResultJsonSchema());
  });

  it('describes a result: required fields, the error codes, the cell value pattern', () => {
    const s = JSON.parse(documentResultJsonSchema());
    expect(s.required).toEqual(expect.arrayContaining(['document', 'sha256', 'build', 'status', 'tables', 'checks']));
    expect(s.properties.error.anyOf.find((x: { type?: string }) => x.type === 'object').properties.code.enum).toContain(
      'corrupt',
    );
  });
});
