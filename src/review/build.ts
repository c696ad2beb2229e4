/**
 * `gongkai review OUT`: a static, self-contained review site in `OUT/review/` — an index of every
 * document, and per document its page images with every cell's box drawn on them beside its
 * tables and checks. Opens from the file system (no server, no network): data comes as scripts,
 * pages as PNG images rendered by poppler, the scripts and styles are the package's own.
 */
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import PQueue from 'p-queue';
import type { DocumentResult } from '../model/schema.js';
import { readPdf } from '../read/pdf/pdf.js';
import { indexRow, loadResults, reviewDocument } from './data.js';
import { renderPages, type PageImage } from './pages.js';
import { RENDER_CONCURRENCY } from './settings.js';

export interface ReviewOptions {
  /** add what the reader saw (ruling lines, text runs) to each page, shown by a toggle */
  debug?: boolean;
}

export interface ReviewSite {
  /** the site's folder; open `index.html` */
  dir: string;
  documents: number;
  pages: number;
  seconds: number;
}

const ASSETS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');

/** Data for a page script: JSON, with what could end a script element escaped. */
function script(name: string, value: unknown): string {
  const json = JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return `window.${name} = ${json};\n`;
}

const page = (title: string, body: string, scripts: string[], css: string) =>
  `<!doctype html>\n<html lang="zh"><head><meta charset="utf-8"><title>${title}</title>` +
  `<link rel="stylesheet" href="${css}"></head>\n<body>\n${body}\n` +
  scripts.map((s) => `<script src="${s}"></script>`).join('\n') +
  '\n</body></html>\n';

const INDEX_BODY = `<header><b>gongkai review</b> <span id="count"></span></header>
<main><div class="filters">
<label>status <select id="f-status"><option value="">all</option></select></label>
<label>year <select id="f-year"><option value="">all</option></select></label>
<label>entity <input id="f-entity" size="12"></label>
<label><input type="checkbox" id="f-failing"> has failing checks</label>
<label>search <input id="f-search" size="20"></label></div>
<table><thead><tr id="head"></tr></thead><tbody id="rows"></tbody></table></main>`;

const DOC_BODY = `<header><a href="../index.html">index</a> · <b id="title"></b>
<label><input type="checkbox" id="debug-toggle"> reader's view (regions, rules, text runs)</label></header>
<main class="doc"><div class="pages" id="pages"></div><div class="side" id="side"></div></main>`;

export async function buildReviewSite(outDir: string, opts: ReviewOptions = {}): Promise<ReviewSite> {
  const started = performance.now();
  const dir = path.join(outDir, 'review');
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.join(dir, 'doc'), { recursive: true });
  await mkdir(path.join(dir, 'assets'), { recursive: true });
  for (const f of ['review.css', 'index.js', 'doc.js'])
    await copyFile(path.join(ASSETS, f), path.join(dir, 'assets', f));
  const results = await loadResults(outDir);
  await writeFile(path.join(dir, 'index-data.js'), script('GONGKAI_INDEX', results.map(indexRow)));
  await writeFile(
    path.join(dir, 'index.html'),
    page('gongkai review', INDEX_BODY, ['index-data.js', 'assets/index.js'], 'assets/review.css'),
  );
  const queue = new PQueue({ concurrency: RENDER_CONCURRENCY });
  const rendered = await Promise.all(results.map((r) => writeDocumentPage(dir, r, opts, queue)));
  const pages = rendered.reduce((a, b) => a + b, 0);
  return { dir, documents: results.length, pages, seconds: (performance.now() - started) / 1000 };
}

/** One document's page, its data and its page images; returns how many pages were rendered. */
async function writeDocumentPage(dir: string, r: DocumentResult, opts: ReviewOptions, queue: PQueue): Promise<number> {
  const doc = reviewDocument(r);
  const cellPages = [...new Set(doc.tables.flatMap((t) => t.cells.flatMap((c) => (c.page && c.bbox ? [c.page] : []))))];
  const isPdf = r.format === 'pdf' && Boolean(r.file);
  const images: Record<number, PageImage> = isPdf ? await renderPages(dir, r.file, r.sha256, cellPages, queue) : {};
  const debug = opts.debug && isPdf ? await readerView(r.file, cellPages) : null;
  const data = script('GONGKAI_DOC', doc) + script('GONGKAI_PAGES', images) + script('GONGKAI_DEBUG', debug);
  await writeFile(path.join(dir, 'doc', `${r.sha256}.js`), data);
  const scripts = [`${r.sha256}.js`, '../assets/doc.js'];
  await writeFile(
    path.join(dir, 'doc', `${r.sha256}.html`),
    page('gongkai review', DOC_BODY, scripts, '../assets/review.css'),
  );
  return Object.keys(images).length;
}

/** What the reader saw on the pages: ruling lines and text runs, in PDF points. */
async function readerView(file: string, pages: number[]) {
  try {
    const { readFile } = await import('node:fs/promises');
    const content = (await readPdf(new Uint8Array(await readFile(file)))).value;
    const view: Record<number, { rules: number[][]; runs: (number | string)[][] }> = {};
    for (const p of content.pages.filter((x) => pages.includes(x.number)))
      view[p.number] = {
        rules: [...p.horizontals, ...p.verticals].map((s) => [s.x0, s.y0 - 0.5, s.x1, s.y1 + 0.5]),
        runs: p.items.map((it) => [it.x0, it.y0, it.x1, it.y1, it.str]),
      };
    return view;
  } catch {
    // a document that cannot be read again shows its cells without the reader's view
    return null;
  }
}
