/** The published JSON Schema of a document result, made from the zod schema itself. */
import { z } from 'zod';
import { DocumentResult } from './schema.js';

export function documentResultJsonSchema(): string {
  const schema = z.toJSONSchema(DocumentResult, { target: 'draft-2020-12' });
  return JSON.stringify({ title: 'gongkai document result (documents/<sha256>.json)', ...schema }, null, 2) + '\n';
}
