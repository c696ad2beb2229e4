/**
 * gongkai's `textOnlyFonts` option for pdf.js (legacy build, 5.6.205): with it, pdf.js still reads
 * every font program for what text needs (glyph codes, Unicode, widths, encodings, seac maps) but
 * builds no font file: the CFF compiler and the OpenType builder are skipped where they are called,
 * and `Font.data` stays undefined, which pdf.js already treats as a font without glyph paths.
 * Nor does it decode image XObjects (their operators are still listed, so images are counted).
 *
 * The edits are made to pdf.js's source as gongkai loads it, not to the files on disk: the edited
 * source is imported from a data: URL, so they hold wherever gongkai is installed (also as a
 * dependency, or where npm runs no install scripts) and nobody else's pdf.js is touched (no loader
 * hook). Each edit must find its text exactly once, or none of a file's edits are made and that
 * file is imported as it comes (the option is then ignored: slower, never different). When the
 * API module's edits are made it also exports `gongkaiTextOnlyFonts`, which is how we know.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

export interface SourceEdit {
  /** the end of the module's URL */
  file: string;
  find: string;
  replace: string;
}

const API = '/pdfjs-dist/legacy/build/pdf.mjs';
const WORKER = '/pdfjs-dist/legacy/build/pdf.worker.mjs';

export const TEXT_ONLY_EDITS: SourceEdit[] = [
  // getDocument({ textOnlyFonts }) → evaluatorOptions.textOnlyFonts
  {
    file: API,
    find: '  const fontExtraProperties = src.fontExtraProperties === true;\n',
    replace: [
      '  const fontExtraProperties = src.fontExtraProperties === true;',
      '  const textOnlyFonts = src.textOnlyFonts === true;',
      '',
    ].join('\n'),
  },
  {
    file: API,
    find: '      maxImageSize,\n      disableFontFace,\n',
    replace: '      maxImageSize,\n      disableFontFace,\n      textOnlyFonts,\n',
  },
  // every Font knows it (its properties reach the CFF and Type 1 converters)
  {
    file: WORKER,
    find: '    this.fontExtraProperties = evaluatorOptions.fontExtraProperties;\n',
    replace: [
      '    this.fontExtraProperties = evaluatorOptions.fontExtraProperties;',
      '    properties.textOnly = evaluatorOptions.textOnlyFonts === true;',
      '',
    ].join('\n'),
  },
  {
    file: WORKER,
    find: '    amendFallbackToUnicode(properties);\n    this.data = data;\n',
    replace: '    amendFallbackToUnicode(properties);\n    this.data = properties.textOnly ? undefined : data;\n',
  },
  // CFFFont: no recompiled CFF
  {
    file: WORKER,
    find: [
      '      this.data = compiler.compile();',
      '    } catch {',
      '      warn("Failed to compile font " + properties.loadedName);',
      '      this.data = file;',
    ].join('\n'),
    replace: [
      '      this.data = properties.textOnly ? null : compiler.compile();',
      '    } catch {',
      '      warn("Failed to compile font " + properties.loadedName);',
      '      this.data = file;',
    ].join('\n'),
  },
  // Type1Font.wrap: no CFF made from the Type 1 program
  {
    file: WORKER,
    find: [
      '    privateDict.subrsIndex = subrIndex;',
      '    const compiler = new CFFCompiler(cff);',
      '    return compiler.compile();',
    ].join('\n'),
    replace: [
      '    privateDict.subrsIndex = subrIndex;',
      '    if (properties.textOnly) {',
      '      return null;',
      '    }',
      '    const compiler = new CFFCompiler(cff);',
      '    return compiler.compile();',
    ].join('\n'),
  },
  // checkAndRepair: the CFF table of an OpenType font is parsed (glyph count, seacs), not recompiled
  {
    file: WORKER,
    find: '        const compiler = new CFFCompiler(cff);\n        tables["CFF "].data = compiler.compile();\n',
    replace: [
      '        if (!properties.textOnly) {',
      '          const compiler = new CFFCompiler(cff);',
      '          tables["CFF "].data = compiler.compile();',
      '        }',
      '',
    ].join('\n'),
  },
  // no image decoded: gongkai counts a page's images from its operators and renders scanned pages
  // with poppler. pdf.js would decode each one after the page's operators are done: a 300 dpi
  // scan page is ~26 MB decoded for nothing, and a bomb is met only after the page was read.
  {
    file: WORKER,
    find: ['    PDFImage.buildImage({', '      xref: this.xref,', '      res: resources,', '      image,', ''].join(
      '\n',
    ),
    replace: [
      '    if (this.options.textOnlyFonts) {',
      '      this._sendImgData(objId, null, cacheGlobally);',
      '      return;',
      '    }',
      '    PDFImage.buildImage({',
      '      xref: this.xref,',
      '      res: resources,',
      '      image,',
      '',
    ].join('\n'),
  },
  // no OpenType file assembled, from a repaired font or a converted one
  {
    file: WORKER,
    find: '      builder.addTable(tableTag, tables[tableTag].data);\n    }\n    return builder.toArray();\n',
    replace: [
      '      builder.addTable(tableTag, tables[tableTag].data);',
      '    }',
      '    return properties.textOnly ? null : builder.toArray();',
      '',
    ].join('\n'),
  },
  {
    file: WORKER,
    find: '    builder.addTable("post", createPostTable(properties));\n    return builder.toArray();\n',
    replace: [
      '    builder.addTable("post", createPostTable(properties));',
      '    return properties.textOnly ? null : builder.toArray();',
      '',
    ].join('\n'),
  },
];

/**
 * Graphics states saved and not restored (`q` without `Q`) beyond this depth are counted, not
 * kept: pdf.js makes each saved state a prototype of the next, so every lookup walks the chain
 * and a content stream of many thousand unbalanced `q` takes minutes. Real documents nest a
 * few dozen deep at most.
 */
export const MAX_GRAPHICS_STATE_DEPTH = 256;

/**
 * bytes: a stream (page content, image, font) that decodes past this stops with an error, which
 * pdf.js reports for its page: a Flate bomb of a few MB would inflate to gigabytes outside V8's
 * heap, past the worker's memory ceiling. A page's content is a few MB; a colour A4 scan at
 * 300 dpi about 26 MB.
 */
export const MAX_DECODED_STREAM_BYTES = 64 * 2 ** 20;

/**
 * bytes: a document whose streams together decode past this stops decoding, page by page, with the
 * same error: a few hundred streams each just under MAX_DECODED_STREAM_BYTES would otherwise keep a
 * worker inflating for minutes. Eighty A4 pages of colour scan at 300 dpi decode to about this.
 */
export const MAX_DOCUMENT_DECODED_BYTES = 2 * 2 ** 30;

/**
 * What the edited worker module counts for the document being read (pdf.js runs in this thread,
 * one document at a time: see pdfjsPort): streams refused, bytes decoded, and the bytes allowed.
 * A module variable of the edited source, exported as `gongkaiBudget`: no global is touched.
 */
export interface DecodeBudget {
  refused: number;
  decoded: number;
  limit: number;
  /** why the last stream was refused */
  reason?: string;
}

const BUDGET = 'gongkaiBudget';

/** Appended to the worker module when its edits were made. */
export const WORKER_MARKER = `\nvar ${BUDGET} = { refused: 0, decoded: 0, limit: Infinity };\nexport { ${BUDGET} };\n`;

/** The JavaScript that refuses a stream: counted, then thrown (pdf.js reports it for its page). */
function refuse(why: string): string {
  const text = JSON.stringify(why);
  return `{ ${BUDGET}.refused++; ${BUDGET}.reason = ${text}; throw new Error(${text}); }`;
}
const STREAM_TOO_BIG = `a stream decodes past ${MAX_DECODED_STREAM_BYTES / 2 ** 20} MB (a decompression bomb?)`;
const DOCUMENT_TOO_BIG = `the document's streams decode past ${MAX_DOCUMENT_DECODED_BYTES / 2 ** 20} MB`;

/** A kid typed as neither Page nor Pages (a kid with no /Type is still taken for a page, as pdf.js does). */
const WRONG_KID = 'type instanceof Name && !isName(type, "Page") && !isName(type, "Pages")';
const WRONG_KID_ERROR = 'new FormatError(`a page-tree kid is a /${type.name}, not a page`)';

/** Bounds on work pdf.js would otherwise do without limit, for hostile documents. */
export const BOUND_EDITS: SourceEdit[] = [
  // streams pdf.js inflates with the platform's DecompressionStream, chunk by chunk
  {
    file: WORKER,
    find: ['        chunks.push(chunk);', '        totalLength += chunk.byteLength;', ''].join('\n'),
    replace: [
      '        chunks.push(chunk);',
      '        totalLength += chunk.byteLength;',
      `        ${BUDGET}.decoded += chunk.byteLength;`,
      `        if (totalLength > ${MAX_DECODED_STREAM_BYTES}) ${refuse(STREAM_TOO_BIG)}`,
      `        if (${BUDGET}.decoded > ${BUDGET}.limit) ${refuse(DOCUMENT_TOO_BIG)}`,
      '',
    ].join('\n'),
  },
  // streams pdf.js decodes itself, into a buffer it grows
  {
    file: WORKER,
    find: [
      '    let size = this.minBufferLength;',
      '    while (size < requested) {',
      '      size *= 2;',
      '    }',
      '    const buffer2 = new Uint8Array(size);',
      '',
    ].join('\n'),
    replace: [
      `    if (requested > ${MAX_DECODED_STREAM_BYTES}) ${refuse(STREAM_TOO_BIG)}`,
      '    let size = this.minBufferLength;',
      '    while (size < requested) {',
      '      size *= 2;',
      '    }',
      // what the stream has grown by, so that a stream decoded in steps counts once
      `    ${BUDGET}.decoded += size - buffer.byteLength;`,
      `    if (${BUDGET}.decoded > ${BUDGET}.limit) ${refuse(DOCUMENT_TOO_BIG)}`,
      '    const buffer2 = new Uint8Array(size);',
      '',
    ].join('\n'),
  },
  {
    file: WORKER,
    find: [
      '  save() {',
      '    const old = this.state;',
      '    this.stateStack.push(this.state);',
      '    this.state = old.clone();',
      '  }',
      '  restore() {',
      '    const prev = this.stateStack.pop();',
      '',
    ].join('\n'),
    replace: [
      '  save() {',
      `    if (this.stateStack.length >= ${MAX_GRAPHICS_STATE_DEPTH}) {`,
      '      this.excessSaves = (this.excessSaves || 0) + 1;',
      '      return;',
      '    }',
      '    const old = this.state;',
      '    this.stateStack.push(this.state);',
      '    this.state = old.clone();',
      '  }',
      '  restore() {',
      '    if (this.excessSaves) {',
      '      this.excessSaves--;',
      '      return;',
      '    }',
      '    const prev = this.stateStack.pop();',
      '',
    ].join('\n'),
  },
  // A page-tree kid that names another type (a font, an image) is taken for a page when it has no
  // /Kids, and read as an empty one: the file would pass for a scan. Walking to one page…
  {
    file: WORKER,
    find: [
      '          if (isName(type, "Page") || !obj.has("Kids")) {',
      '            if (!pageKidsCountCache.has(currentNode)) {',
      '',
    ].join('\n'),
    replace: [
      '          if (isName(type, "Page") || !obj.has("Kids")) {',
      `            if (${WRONG_KID}) throw ${WRONG_KID_ERROR};`,
      '            if (!pageKidsCountCache.has(currentNode)) {',
      '',
    ].join('\n'),
  },
  // …and listing them all, when the tree's /Count is wrong
  {
    file: WORKER,
    find: [
      '      if (isName(type, "Page") || !obj.has("Kids")) {',
      '        addPageDict(obj, kidObj instanceof Ref ? kidObj : null);',
      '',
    ].join('\n'),
    replace: [
      '      if (isName(type, "Page") || !obj.has("Kids")) {',
      `        if (${WRONG_KID}) { addPageError(${WRONG_KID_ERROR}); break; }`,
      '        addPageDict(obj, kidObj instanceof Ref ? kidObj : null);',
      '',
    ].join('\n'),
  },
  // The top-level kids are fetched ahead; when the walk stops before it reaches a damaged one,
  // that fetch's rejection is never awaited, and Node ends the whole process for it.
  {
    file: WORKER,
    find: '          pageDictCache.put(lastKid, xref.fetchAsync(lastKid));\n',
    replace: [
      '          const ahead = xref.fetchAsync(lastKid);',
      '          ahead.catch(() => {});',
      '          pageDictCache.put(lastKid, ahead);',
      '',
    ].join('\n'),
  },
];

/** Every edit the loader makes to pdf.js: text-only fonts, then the bounds. */
export const PDFJS_EDITS: SourceEdit[] = [...TEXT_ONLY_EDITS, ...BOUND_EDITS];

/** Appended to the API module when its edits were made. */
export const APPLIED_MARKER = '\nexport const gongkaiTextOnlyFonts = true;\n';

/**
 * A file's source with all its edits made, or as it was when one of them does not find its text
 * exactly once.
 */
export function applyEdits(source: string, edits: SourceEdit[], marker = ''): string {
  let out = source;
  for (const e of edits) {
    const at = out.indexOf(e.find);
    if (at < 0 || out.indexOf(e.find, at + 1) >= 0) return source;
    out = out.slice(0, at) + e.replace + out.slice(at + e.find.length);
  }
  return out + marker;
}

const require = createRequire(import.meta.url);

/**
 * A pdf.js module with its edits made, imported from a data: URL (the module as installed when
 * an edit does not find its text). The edited source is imported under its own URL, so a caller's
 * own `import('pdfjs-dist')` gets pdf.js as it comes.
 */
async function importEdited(file: string, marker: string): Promise<Record<string, unknown>> {
  const installed = require.resolve(file.slice(1));
  const source = readFileSync(installed, 'utf8');
  const edited = applyEdits(
    source,
    PDFJS_EDITS.filter((e) => e.file === file),
    marker,
  );
  const url = pathToFileURL(installed).href;
  if (edited === source) return (await import(url)) as Record<string, unknown>;
  // pdf.js finds its optional packages (@napi-rs/canvas) and wasm beside itself
  const placed = edited.replaceAll('import.meta.url', JSON.stringify(url));
  const data = `data:text/javascript;base64,${Buffer.from(placed).toString('base64')}`;
  return (await import(data)) as Record<string, unknown>;
}

/** pdf.js's API and worker modules, edited. */
export async function importEditedPdfjs(): Promise<{ api: Record<string, unknown>; worker: Record<string, unknown> }> {
  const api = await importEdited(API, APPLIED_MARKER);
  const worker = await importEdited(WORKER, WORKER_MARKER);
  return { api, worker };
}

/** The worker module's budget, or one that is never refused when its edits could not be made. */
export function decodeBudget(worker: Record<string, unknown>): DecodeBudget {
  return (worker[BUDGET] as DecodeBudget | undefined) ?? { refused: 0, decoded: 0, limit: Infinity };
}
