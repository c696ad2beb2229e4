/**
 * Writes schema/document-result.schema.json, the JSON Schema of documents/<sha256>.json, from the
 * zod schema the code validates every result with (src/model/schema.ts).
 *
 *   node --import tsx scripts/json-schema.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { documentResultJsonSchema } from '../src/model/jsonSchema.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
writeFileSync(path.join(root, 'schema', 'document-result.schema.json'), documentResultJsonSchema());
