/**
 * A fingerprint of the build: the code that reads documents and renders results (every source or
 * compiled module of the package, tests left out) and the versions of the packages it runs on.
 * A stored result is reused only by the build that made it: a changed line anywhere, or another
 * pdf.js, reads the document again. Computed once per process, on first use (~100 small files).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CODE = /\.(js|ts|json)$/;
const NOT_CODE = /\.(test|d)\.ts$|\.test\.js$|\.map$/;

function codeFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...codeFiles(p));
    else if (CODE.test(e.name) && !NOT_CODE.test(e.name)) out.push(p);
  }
  return out;
}

function packageRoot(from: string): string | null {
  for (let dir = from, i = 0; i < 6; i++, dir = path.dirname(dir)) {
    const p = path.join(dir, 'package.json');
    if (existsSync(p) && (JSON.parse(readFileSync(p, 'utf8')) as { name?: string }).name === 'gongkai') return dir;
  }
  return null;
}

/** The installed version of a dependency, looked up the way Node resolves packages. */
function installedVersion(root: string, name: string): string {
  for (let dir = root, i = 0; i < 8; i++, dir = path.dirname(dir)) {
    const p = path.join(dir, 'node_modules', name, 'package.json');
    if (existsSync(p)) return (JSON.parse(readFileSync(p, 'utf8')) as { version?: string }).version ?? '?';
  }
  return 'missing';
}

let cached: string | undefined;

/** 16 hex digits naming this build (code + dependency versions). */
export function buildFingerprint(): string {
  if (cached) return cached;
  const here = path.dirname(fileURLToPath(import.meta.url));
  const codeRoot = path.dirname(here); // src/ or dist/src/
  const hash = createHash('sha256');
  for (const f of codeFiles(codeRoot))
    hash.update(path.relative(codeRoot, f)).update('\0').update(readFileSync(f)).update('\0');
  const root = packageRoot(codeRoot);
  if (root) {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      version?: string;
      dependencies?: Record<string, string>;
    };
    hash.update(`gongkai@${pkg.version}`);
    for (const dep of Object.keys(pkg.dependencies ?? {}).sort())
      hash.update(`\0${dep}@${installedVersion(root, dep)}`);
  }
  cached = hash.digest('hex').slice(0, 16);
  return cached;
}
