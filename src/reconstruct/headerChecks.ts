/**
 * What a header path may hold. A mark line printed inside the table's top ruled row (单位：万元,
 * 部门名称：…) is read into the cells beneath it, but no disclosure heads a column with it: it is
 * left out of the paths and said so. A value column with amounts and no heading is a doubt.
 */
import { info, warning, type Message } from '../model/message.js';

const MARK = /(单位|部门名称|部门|编制单位|编制部门|填报单位|金额单位|预算单位)[:：]/;

/** Whether a header cell's text is a mark line (a unit or department line), not a heading. */
export function isMarkHeading(text: string): boolean {
  return MARK.test(text);
}

/** Removes mark lines from the header paths (in place); one note per distinct mark. */
export function stripMarkLines(paths: string[][]): Message[] {
  const found = new Set<string>();
  for (const path of paths) {
    for (let k = path.length - 1; k >= 0; k--) {
      if (!isMarkHeading(path[k])) continue;
      found.add(path[k]);
      path.splice(k, 1);
    }
  }
  return [...found].map((t) =>
    info(
      'mark-in-header',
      `a mark line (${t}) printed inside the header is not a column heading: left out of the column paths`,
    ),
  );
}

/** Value columns holding amounts under no heading at all. */
export function headerlessValueColumns(
  columns: { path: string[]; role: string }[],
  amountsIn: (j: number) => number,
): Message[] {
  const out: Message[] = [];
  columns.forEach((c, j) => {
    if (c.role === 'value' && !c.path.length && amountsIn(j) > 0)
      out.push(warning('headerless-column', `column ${j + 1} holds ${amountsIn(j)} amounts under no heading`));
  });
  return out;
}
