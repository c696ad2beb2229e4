// Part of the fuzz kit. Usage: node scripts/fuzz/library.mjs REPO IN_DIR [CONCURRENCY]
// Calls the library's extract() on every file of IN_DIR in this one process, a few at a time, and
// reports: results per code, rejections, the process's unhandled errors, its peak RSS, and the files
// whose result took longest. The caller's process must survive every file.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [repo, dir, concurrency = '2'] = process.argv.slice(2);
const { extract } = await import(pathToFileURL(path.join(repo, 'dist', 'src', 'index.js')).href);
const unhandled = [];
process.on('unhandledRejection', (e) => unhandled.push(String(e)));
process.on('uncaughtException', (e) => unhandled.push(String(e)));
// names as bytes: a name that is not UTF-8 (GBK from a Windows zip) is read through its bytes
const files = readdirSync(dir, { encoding: 'buffer' })
  .filter((f) => !f.toString('latin1').endsWith('.truth.json'))
  .sort(Buffer.compare);
const codes = new Map();
const slow = [];
let rejected = 0;
let next = 0;
let peak = 0;
const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 100);
const started = Date.now();
async function lane() {
  while (next < files.length) {
    const name = files[next++];
    const file = Buffer.concat([Buffer.from(dir + path.sep), name]);
    const t = Date.now();
    try {
      const text = name.toString('utf8');
      const input = Buffer.from(text, 'utf8').equals(name) ? file.toString('utf8') : readFileSync(file);
      const r = await extract(input, { documentName: text });
      const code = r.status === 'failed' ? r.error.code : r.status;
      codes.set(code, (codes.get(code) ?? 0) + 1);
      slow.push([Date.now() - t, text, code]);
    } catch (e) {
      rejected++;
      unhandled.push(`rejected ${name.toString('utf8')}: ${e}`);
    }
  }
}
await Promise.all(Array.from({ length: Number(concurrency) }, lane));
clearInterval(sample);
console.log(`${files.length} files in ${((Date.now() - started) / 1000).toFixed(1)} s; rejected ${rejected}`);
console.log('codes:', JSON.stringify(Object.fromEntries([...codes].sort((a, b) => b[1] - a[1]))));
console.log(`peak RSS of the calling process (its threads included): ${Math.round(peak / 2 ** 20)} MB`);
console.log('unhandled in the caller:', unhandled.length, unhandled.slice(0, 5));
console.log('slowest:', slow.sort((a, b) => b[0] - a[0]).slice(0, 5));
