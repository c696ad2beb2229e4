/**
 * A document's result from its input: its bytes, from a file or from a caller, refused when empty
 * or too large; the flow run on them; a failure kept as a result.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { blankResult } from '../model/blankResult.js';
import { asGongkaiError, GongkaiError, oneLine } from '../model/errors.js';
import { DocumentResult } from '../model/schema.js';
import { renderMessages } from './messages.js';
import type { ExtractOptions, Progress } from './options.js';
import { MAX_DOCUMENT_BYTES } from './settings.js';

/** Bytes handed over by a caller, refused when empty or too large, as a file's would be. */
function checkBytes(input: Uint8Array, options: ExtractOptions, progress: Progress): Uint8Array {
  // a plain Uint8Array (pdf.js refuses Buffers), and our own copy: the caller's bytes stay theirs
  const bytes = new Uint8Array(input);
  progress.fields.bytes = bytes.length;
  if (bytes.length === 0) throw new GongkaiError('empty-file', 'the document is empty (0 bytes)');
  const maxBytes = options.maxBytes ?? MAX_DOCUMENT_BYTES;
  if (bytes.length > maxBytes)
    throw new GongkaiError('too-large', `the document is ${(bytes.length / 1048576).toFixed(0)} MB, over the limit`);
  progress.fields.sha256 = createHash('sha256').update(bytes).digest('hex');
  return bytes;
}

/** The file's bytes, refused when missing, empty or too large. */
async function readInput(file: string, options: ExtractOptions, progress: Progress): Promise<Uint8Array> {
  const info = await stat(file).catch(() => {
    throw new GongkaiError('not-found', `no such file: ${file}`);
  });
  progress.fields.bytes = info.size;
  if (info.size === 0) throw new GongkaiError('empty-file', 'the file is empty (0 bytes)');
  const maxBytes = options.maxBytes ?? MAX_DOCUMENT_BYTES;
  const mb = (n: number) => (n / 1048576).toFixed(0);
  if (info.size > maxBytes)
    throw new GongkaiError('too-large', `the file is ${mb(info.size)} MB, over the ${mb(maxBytes)} MB limit`);
  const bytes = new Uint8Array(await readFile(file));
  progress.fields.sha256 = createHash('sha256').update(bytes).digest('hex');
  return bytes;
}

/** The flow's work on the document's bytes: the result's fields (see `extract`). */
export type Flow = (
  bytes: Uint8Array,
  name: string,
  options: ExtractOptions,
  progress: Progress,
) => Promise<Partial<DocumentResult>>;

/**
 * The document's result from its input, whatever happens: its bytes read and checked, the flow
 * run on them; a failure (an abort included) is a result with status `failed` that keeps what
 * was known of the document until then.
 */
export async function documentResult(
  input: string | Uint8Array,
  options: ExtractOptions,
  flow: Flow,
): Promise<DocumentResult> {
  const started = performance.now();
  const file = typeof input === 'string' ? input : '';
  const base = blankResult(file, options.documentName ?? (file ? path.basename(file) : 'document'));
  const progress: Progress = { fields: {}, messages: [] };
  const seconds = () => Math.round(performance.now() - started) / 1000;
  try {
    const bytes =
      typeof input === 'string' ? await readInput(input, options, progress) : checkBytes(input, options, progress);
    const result = await flow(bytes, base.document, options, progress);
    return DocumentResult.parse({
      ...base,
      ...progress.fields,
      ...result,
      ...renderMessages(progress.messages),
      seconds: seconds(),
    });
  } catch (err) {
    const e = asGongkaiError(err);
    const error = { code: e.code, message: oneLine(e.message) };
    return {
      ...base,
      ...progress.fields,
      ...renderMessages(progress.messages),
      status: 'failed',
      error,
      seconds: seconds(),
    };
  }
}
