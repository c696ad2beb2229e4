/** A manifest: a CSV with a `path` column plus whatever metadata the user keeps for each file. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { GongkaiError } from '../model/errors.js';
import type { InputDocument } from './inputs.js';

export interface ManifestRow {
  doc: InputDocument;
  metadata: Record<string, string>;
}

/** Paths are relative to the manifest's folder; names are the paths as written in it. */
export async function readManifest(file: string): Promise<ManifestRow[]> {
  const bytes = await readFile(file).catch(() => {
    throw new GongkaiError('not-found', `no such manifest: ${file}`);
  });
  const text = decodeManifest(bytes);
  const records = parse(text.replace(/^\ufeff/, ''), { columns: true, skip_empty_lines: true, trim: true }) as Record<
    string,
    string
  >[];
  if (!records.length) return [];
  if (!('path' in records[0]))
    throw new GongkaiError('unsupported-format', `the manifest ${file} has no "path" column`);
  const base = path.dirname(path.resolve(file));
  return records.map((r) => {
    const { path: p, ...metadata } = r;
    return { doc: { file: path.resolve(base, p), name: p.split(path.sep).join('/') }, metadata };
  });
}

/**
 * A manifest's text: UTF-8 (with or without a byte-order mark) when the bytes are valid UTF-8,
 * else GB18030, which Excel on a Chinese Windows writes as "CSV" (GBK is a subset of it).
 */
export function decodeManifest(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}
