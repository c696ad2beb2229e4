/**
 * The names documents are listed under. A document's name is its path relative to the input root
 * it came through; where two different files would get the same name (two county folders that
 * both hold `2025/部门预算.pdf`, in one run or in two runs into one output folder), each takes as
 * many more of its own parent folders as it needs to be told apart (`countyA/2025/部门预算.pdf`).
 * The rule depends only on the set of files, so batch A then batch B names everything as one run
 * over A and B does.
 */
import path from 'node:path';

export interface Named {
  /** the file's absolute path */
  file: string;
  /** its name relative to the input root (`/` separated) */
  rel: string;
}

const segments = (p: string) => p.split(/[\\/]+/).filter(Boolean);

/** One name per entry, in the entries' order; distinct for distinct files. */
export function uniqueNames(entries: Named[]): string[] {
  const abs = entries.map((e) => segments(path.resolve(e.file)));
  const names = entries.map((e) => e.rel);
  // how many trailing segments of the absolute path a widened name uses
  const depth = entries.map((e, i) => Math.min(segments(e.rel).length, abs[i].length));
  for (let round = 0; round < 64; round++) {
    const byName = new Map<string, number[]>();
    names.forEach((n, i) => byName.set(n, [...(byName.get(n) ?? []), i]));
    const clashes = [...byName.values()].filter(
      (ix) => ix.length > 1 && new Set(ix.map((i) => abs[i].join('/'))).size > 1,
    );
    if (!clashes.length) break;
    for (const ix of clashes)
      for (const i of ix) {
        if (depth[i] >= abs[i].length) continue;
        depth[i]++;
        names[i] = abs[i].slice(abs[i].length - depth[i]).join('/');
      }
  }
  return names;
}
