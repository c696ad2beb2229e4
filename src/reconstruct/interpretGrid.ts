/**
 * Grid → cells: header paths (merged header cells repeated into every column they span), column
 * roles (code / name / row number / value), side-by-side groups and panels, row labels with split
 * 类|款|项 codes joined, and every non-blank amount with its provenance.
 */
import { rectangular, uniqueCells, type Grid, type GridCell } from '../model/grid.js';
import { info, warning, type Message } from '../model/message.js';
import { parseAmount, looksLikeMoney } from '../normalize/amount.js';
import { halfWidth, squash, SUBJECT_CODE } from '../normalize/text.js';
import { headerlessValueColumns, stripMarkLines } from './headerChecks.js';

/** `quantity`: a column that counts items (数量, 人数): neither a label nor an amount */
export type ColumnRole = 'code' | 'name' | 'lineno' | 'quantity' | 'value';

export interface RawCell {
  panel: string;
  row_code: string;
  row_name: string;
  column: string[];
  value: string;
  cell: GridCell;
}

export interface Interpretation {
  headerRows: number;
  columns: { path: string[]; role: ColumnRole; group: number; panel: string }[];
  cells: RawCell[];
  /** doubts about the reading (a value with no row label) */
  messages: Message[];
}

const SPLIT_CODE_RE = /^\d{2,3}$/;
const LINENO_LEAF = /^(行次|栏次|序号|行号|编号)$/;
/** a count, not money: printed in a 元 table, it would read as so many 元 */
const QUANTITY_LEAF = /^(数量|人数|个数|台数|台套数|辆数|车辆数|编制数|实有人数)$|[（(](人|个|台|辆|套|次|名)[)）]$/;
/** A name cell that names nothing: marks alone, or marks with a digit or two. */
const NO_NAME = /^(?:[\p{P}\p{S}\s]+|(?=.*[\p{P}\p{S}])[\p{P}\p{S}\d\s]{1,3})$/u;
/** Between the classifications of one row in its name: 行政运行 / 50101 工资奖金津补贴. */
export const CLASSIFICATION_SEPARATOR = ' / ';
/** A header cell over a side-by-side panel: 收入, 支 出, 财政拨款支出. */
const PANEL_HEADING = /(收入|支出)$/;
const CODE_LEAF = /(代码|编码|科目编号)$|^(类|款|项)$/;
const NAME_LEAF =
  /名称$|^项目$|^项目\(.*\)$|^科目$|^摘要$|^收入$|^支出$|^收入项目$|^支出项目$|^项目名称$|^功能分类科目$|^经济分类科目$/;
const ROW_LABEL_START = /^(合计|总计|收入总计|支出总计|本年收入合计|本年支出合计)$/;

export function cellText(c: GridCell | null | undefined): string {
  return c ? squash(c.text) : '';
}

/** Rows of column numbers (栏次 1 2 3 …) and the 栏次 row itself are headers, never data. */
export function isNumberingRow(row: (GridCell | null)[]): boolean {
  const texts = uniqueCells(row).map(cellText).filter(Boolean);
  if (texts.some((t) => /^栏次/.test(t))) return true;
  if (texts.length < 2) return false;
  if (!texts.every((t) => /^(\d{1,2}|[A-Z]|\*{1,3}|栏次|行次|\d{1,2}=[\d+\-=]+)$/.test(halfWidth(t)))) return false;
  const nums = texts.filter((t) => /^\d{1,2}$/.test(t)).map(Number);
  return nums.length >= 2 && nums.every((n, i) => i === 0 || n > nums[i - 1]);
}

/** Index of the first data row: after the 栏次 row, or the first row carrying amounts or codes. */
export function findHeaderEnd(rows: (GridCell | null)[][]): number {
  const limit = Math.min(rows.length, 12);
  for (let i = 0; i < limit; i++) {
    const texts = uniqueCells(rows[i]).map(cellText);
    if (texts.some((t) => /^栏次/.test(t))) return i + 1;
  }
  // a first column headed 序号 numbers the data rows: the label is the cell after it
  const lineNumbered = LINENO_LEAF.test(cellText(rows[0]?.[0]));
  for (let i = 0; i < rows.length; i++) {
    if (isNumberingRow(rows[i])) continue;
    const all = uniqueCells(rows[i]).map(cellText).filter(Boolean);
    if (!all.length) continue;
    if (all.some((t) => looksLikeMoney(t))) return i;
    const labelled = lineNumbered && /^\d{1,4}$/.test(cellText(rows[i][0])) ? rows[i].slice(1) : rows[i];
    const texts = uniqueCells(labelled).map(cellText).filter(Boolean);
    if (!texts.length) continue;
    const firstText = texts[0];
    const labelLike = (t: string) =>
      SUBJECT_CODE.test(t) || ROW_LABEL_START.test(t) || /^[一二三四五六七八九十]+、/.test(t);
    // a data row's other cells are amounts, row numbers or labels of a side-by-side panel; a figure
    // misread out of shape (OCR's 7,66668) is still a figure, never a heading
    const figure = (t: string) => parseAmount(t) !== null || /^-?\d[\d,.，]*\d$/.test(t);
    const rest = texts.slice(1).every((t) => labelLike(t) || figure(t));
    if (labelLike(firstText) && rest) return i;
  }
  return rows.length;
}

/** How a grid's columns are grouped into side-by-side panels (收入 | 支出). */
interface Groups {
  /** each column's group */
  groupOf: number[];
  /** each group's columns */
  groupCols: number[][];
  count: number;
}

/** Read a grid: header paths, column roles, side-by-side groups and panels, then the body's cells. */
export function interpretGrid(grid: Grid): Interpretation {
  const rows = rectangular(grid.rows);
  const ncols = rows[0]?.length ?? 0;
  const headerEnd = findHeaderEnd(rows);
  const headerRows = rows.slice(0, headerEnd).filter((r) => !isNumberingRow(r));
  const body = rows.slice(headerEnd).filter((r) => !isNumberingRow(r));
  const paths = headerPaths(headerRows, ncols);
  const marks = stripMarkLines(paths);
  const roles = columnRoles(paths, body);
  const groups = columnGroups(roles, paths);
  const { panelOf, panelDepth } = panels(headerRows, groups, ncols, roles);
  const columns = paths.map((path, j) => ({
    path: path.slice(panelDepth[j]),
    role: roles[j],
    group: groups.groupOf[j],
    panel: panelOf[groups.groupOf[j]],
  }));
  const { cells, messages } = bodyCells(body, roles, groups, panelOf, columns);
  const amountsIn = (j: number) => cells.filter((c) => c.column === columns[j].path).length;
  const counts = columns.filter((c) => c.role === 'quantity').map((c) => c.path.join('/'));
  const quantities = counts.length
    ? [info('quantity-columns', `${counts.join(', ')}: counts, not amounts; not written as cells`)]
    : [];
  return {
    headerRows: headerEnd,
    columns,
    cells,
    messages: [...marks, ...messages, ...headerlessValueColumns(columns, amountsIn), ...quantities],
  };
}

/** Each column's header path, top to bottom; a merged header cell counts once per column. */
function headerPaths(headerRows: (GridCell | null)[][], ncols: number): string[][] {
  const paths: string[][] = [];
  for (let j = 0; j < ncols; j++) {
    const path: string[] = [];
    let prev: GridCell | null = null;
    for (const r of headerRows) {
      const c = r[j];
      if (c && c !== prev && cellText(c) && cellText(c) !== path[path.length - 1]) path.push(cellText(c));
      if (c) prev = c;
    }
    paths.push(path);
  }
  return paths;
}

/** Each column's role (code, name, 行次, value) from its header leaf and what its body holds. */
function columnRoles(paths: string[][], body: (GridCell | null)[][]): ColumnRole[] {
  const roles: ColumnRole[] = paths.map((path, j) => {
    const leaf = path[path.length - 1] ?? '';
    const texts = body.map((r) => cellText(r[j])).filter(Boolean);
    const amounts = texts.filter((t) => parseAmount(t)).length;
    const codes = texts.filter((t) => SUBJECT_CODE.test(t) || SPLIT_CODE_RE.test(t)).length;
    if (LINENO_LEAF.test(leaf)) return 'lineno';
    if (QUANTITY_LEAF.test(squash(leaf))) return 'quantity';
    if (CODE_LEAF.test(leaf)) return 'code';
    if (NAME_LEAF.test(leaf)) return 'name';
    if (texts.length && amounts === 0) return 'name';
    if (texts.length && codes === texts.length && texts.every((t) => !/[.,]/.test(t)) && !path.length) return 'code';
    if (!leaf && texts.length && texts.filter((t) => !parseAmount(t)).length / texts.length > 0.5) return 'name';
    return 'value';
  });
  // a column of subject codes (3/5/7 digits, nothing else) just left of a name column is the code
  // column even when its header is unreadable (a scan) or not the usual word
  roles.forEach((role, j) => {
    if (role !== 'value' || roles[j + 1] !== 'name') return;
    const texts = body.map((r) => cellText(r[j])).filter(Boolean);
    if (texts.length >= 2 && texts.every((t) => SUBJECT_CODE.test(t))) roles[j] = 'code';
  });
  // 类 | 款 | 项 split codes: columns of two-digit numbers between a code column and a name column
  // are 款 and 项 even when their headings are unreadable (a scan)
  roles.forEach((role, n) => {
    if (role !== 'name') return;
    const parts: number[] = [];
    let j = n - 1;
    while (j >= 0 && parts.length < 2 && (roles[j] === 'value' || roles[j] === 'lineno' || roles[j] === 'code')) {
      const texts = body.map((r) => cellText(r[j])).filter(Boolean);
      if (!texts.length || !texts.every((t) => /^\d{2}$/.test(t))) break;
      parts.push(j--);
    }
    if (!parts.length || j < 0) return;
    const head = body.map((r) => cellText(r[j])).filter(Boolean);
    if (roles[j] === 'code' || (head.length >= 2 && head.every((t) => /^\d{3}$/.test(t))))
      for (const k of [j, ...parts]) roles[k] = 'code';
  });
  // a column of bare small integers next to a label is a 行次 column even when its header is blank
  roles.forEach((role, j) => {
    if (role !== 'value' || paths[j].length) return;
    const texts = body.map((r) => cellText(r[j])).filter(Boolean);
    if (texts.length && texts.every((t) => /^\d{1,3}$/.test(t))) roles[j] = 'lineno';
  });

  return roles;
}

/** Groups: a label column after a value column starts a new side-by-side group. */
function columnGroups(roles: ColumnRole[], paths: string[][]): Groups {
  const groupOf: number[] = [];
  let g = 0;
  let seenValue = false;
  const leaf = (j: number) => squash(paths[j][paths[j].length - 1] ?? '');
  const whole = (j: number) => squash(paths[j].join('/'));
  const headings = (role: (r: ColumnRole) => boolean, group: number, key: (j: number) => string) =>
    new Set(groupOf.flatMap((gg, j) => (gg === group && role(roles[j]) && key(j) ? [key(j)] : [])));
  const isLabel = (r: ColumnRole) => r === 'code' || r === 'name';
  for (let j = 0; j < roles.length; j++) {
    if (isLabel(roles[j]) && seenValue) {
      // the first label column after values decides for the run of label columns it opens
      if (repeatsGroup(j, g)) g++;
      seenValue = false;
    }
    if (roles[j] === 'value') seenValue = true;
    groupOf.push(g);
  }
  /**
   * A label column after a value column starts a side-by-side group only where the table repeats
   * itself: a value heading comes again (项目 | 预算数 | 项目 | 预算数), or a label column's whole
   * heading does, or its own heading under another 收入 / 支出 panel heading, or its columns have the
   * roles of the group before. Otherwise it is one more column of one wide table (a procurement
   * table's 经济科目 类 | 款 after its 数量).
   */
  function repeatsGroup(from: number, group: number): boolean {
    let end = from;
    while (end < roles.length && (isLabel(roles[end]) || end === from)) end++;
    while (end < roles.length && !isLabel(roles[end])) end++;
    const next = Array.from({ length: end - from }, (_, k) => from + k);
    const labels = headings(isLabel, group, whole);
    const earlier = Array.from({ length: group + 1 }, (_, k) => [...headings((r) => r === 'value', k, leaf)]);
    const values = new Set(earlier.flat());
    const underPanel = (j: number) => paths[j].length > 1 && PANEL_HEADING.test(squash(paths[j][0]));
    const panelLabels = headings(isLabel, group, (j) => (underPanel(j) ? leaf(j) : ''));
    // the same columns again (科目代码 | 科目名称 | 决算数 ×3), even where OCR misread the headings
    const current = groupOf.flatMap((gg, j) => (gg === group ? [roles[j]] : []));
    const sameRoles = next.length === current.length && next.every((j, k) => roles[j] === current[k]);
    return (
      sameRoles ||
      next.some((j) =>
        isLabel(roles[j]) ? labels.has(whole(j)) || (underPanel(j) && panelLabels.has(leaf(j))) : values.has(leaf(j)),
      )
    );
  }
  const count = g + 1;
  const groupCols = Array.from({ length: count }, (_, k) =>
    groupOf.map((gg, j) => (gg === k ? j : -1)).filter((j) => j >= 0),
  );
  return { groupOf, groupCols, count };
}

/** Each group's panel name and how many header levels it takes from its columns' paths. */
function panels(
  headerRows: (GridCell | null)[][],
  { groupOf, groupCols: allCols, count: groupCount }: Groups,
  ncols: number,
  roles: ColumnRole[],
): { panelOf: string[]; panelDepth: number[] } {
  // panels: header cells that cover whole groups (收入 | 支出, or sub-panels beneath); a 序号 column
  // before them numbers the rows of every panel and belongs to none, and a column under no heading
  // at all (an empty strip between the frame and the first rule) cannot contradict one
  const headed = (j: number) => headerRows.some((r) => cellText(r[j]));
  const groupCols = allCols.map((cols) => cols.filter((j) => roles[j] !== 'lineno' && headed(j)));
  const panelDepth: number[] = Array(ncols).fill(0);
  const panelOf: string[] = Array(groupCount).fill('');
  if (groupCount > 1) {
    for (let k = 0; k < groupCount; k++) {
      const cols = groupCols[k];
      const names: string[] = [];
      let depth = 0;
      for (const r of headerRows) {
        const c = r[cols[0]];
        if (!c || !cols.every((j) => r[j] === c)) break;
        const span = r.map((x, j) => (x === c ? j : -1)).filter((j) => j >= 0);
        const alignedToGroups = span.every((j) => groupCols[groupOf[j]].every((jj) => r[jj] === c));
        if (!alignedToGroups || span.length === ncols) break;
        names.push(cellText(c));
        depth++;
      }
      panelOf[k] = names.join('/');
      for (const j of cols) panelDepth[j] = depth;
    }
  }

  return { panelOf, panelDepth };
}

/**
 * A split 类|款|项 code printed one level per row (201 on the 类 row, 40 in the 款 column of the next,
 * 01 in the 项 column after it) is completed from the rows above: 20140, 2014001. `levels` holds
 * the levels of the last complete code, updated here.
 */
function completeSplitCode(code: string, firstLevel: number, levels: string[]): string {
  let full = code;
  if (firstLevel > 0 && levels.length >= firstLevel) full = levels.slice(0, firstLevel).join('') + code;
  if (!SUBJECT_CODE.test(full)) return code;
  levels.length = 0;
  levels.push(...[full.slice(0, 3), full.slice(3, 5), full.slice(5, 7)].filter(Boolean));
  return full;
}

/** Between a code and its name when printed in one cell: 2010601-行政运行. */
const CODE_NAME_JOINER = /^[-—–·.\s]+/;

/** One classification printed in a row: its code and name parts. */
type LabelPair = { code: string; firstLevel: number; nameParts: string[]; heading: string };
/** Whether codes are split over 类 | 款 | 项 columns, and the heading above each code column. */
type SplitCodes = { splitCodes: boolean; headingOf: (j: number) => string; isNote: (j: number) => boolean };
/** A text column beside the label (项目简介, 说明, 备注, 绩效目标): what a row is about, not its name. */
const NOTE_LEAF = /(简介|说明|备注|绩效目标|目标值?)$/;

/**
 * A row's classifications in column order. A row may print more than one (功能分类 2010601-行政运行,
 * 政府经济分类 50101-工资奖金津补贴, 部门经济分类 30101-基本工资): a code after a complete code and
 * name starts the next one.
 */
function labelPairs(r: (GridCell | null)[], cols: number[], roles: ColumnRole[], split: SplitCodes): LabelPair[] {
  const codeCols = cols.filter((j) => roles[j] === 'code');
  const pairs: LabelPair[] = [{ code: '', firstLevel: 0, nameParts: [], heading: '' }];
  const seen = new Set<GridCell>();
  const current = (startsCode: boolean, j = -1) => {
    const last = pairs[pairs.length - 1];
    const heading = j >= 0 ? split.headingOf(j) : last.heading;
    if (startsCode && last.code && (last.nameParts.length || heading !== last.heading))
      pairs.push({ code: '', firstLevel: 0, nameParts: [], heading });
    if (startsCode && !pairs[pairs.length - 1].code) pairs[pairs.length - 1].heading = heading;
    return pairs[pairs.length - 1];
  };
  for (const j of cols) {
    const c = r[j];
    if (!c || seen.has(c)) continue;
    seen.add(c);
    const t = cellText(c);
    if (!t) continue;
    const h = halfWidth(t);
    // a name column printing code-name (2010601-行政运行) is read as a code and name cell
    const codeDashName = roles[j] === 'name' && /^\d{3}(?:\d{2}){0,2}[-—–]\S/.test(h);
    if (roles[j] === 'name' && split.isNote(j)) continue;
    if (roles[j] === 'name' && !codeDashName) current(false).nameParts.push(t);
    if (roles[j] !== 'code' && !codeDashName) continue;
    if (/^(类|款|项|科目编码|科目代码)$/.test(h)) continue; // a header label printed in a data row
    if (/^\d+$/.test(h)) {
      // split 类|款|项 columns: 款 and 项 are two digits even where a spreadsheet dropped the zero
      // (a later classification's own code, 单位编码 1, is kept as printed)
      const p = current(true, j);
      if (!p.code) p.firstLevel = codeCols.indexOf(j);
      const level = p.code || (p.firstLevel > 0 && p === pairs[0]);
      p.code += level && split.splitCodes && h.length === 1 ? '0' + h : h;
    } else if (/^\d{3,7}\S+/.test(h)) {
      // code and name printed in one cell: "2010301 行政运行", "2010601-行政运行"
      const m = /^(\d{3,7})(.*)$/.exec(h)!;
      const last = pairs[pairs.length - 1];
      const heading = split.headingOf(j);
      if (last.code || last.nameParts.length) pairs.push({ code: m[1], firstLevel: 0, nameParts: [], heading });
      else last.code = m[1];
      current(false).nameParts.push(squash(t).slice(m[1].length).replace(CODE_NAME_JOINER, ''));
    } else current(false).nameParts.push(t);
  }
  return pairs;
}

/**
 * A body row's code and name within one group of columns: split 类|款|项 codes joined and completed;
 * a second or third classification printed in the row follows the name, with its code.
 */
function rowLabel(
  r: (GridCell | null)[],
  cols: number[],
  roles: ColumnRole[],
  split: SplitCodes,
  printedLevels: string[],
): { code: string; name: string } {
  const [first, ...others] = labelPairs(r, cols, roles, split);
  let code = first.code;
  if (split.splitCodes && code) code = completeSplitCode(code, first.firstLevel, printedLevels);
  // a labelled row without a code breaks the chain: what follows it is not completed from above
  else if (first.nameParts.length) printedLevels.length = 0;
  // punctuation alone, or with a digit or two (a bracket of a wrapped heading, a speck OCR read:
  // "0]"), names no row
  let name = first.nameParts.filter((t) => !NO_NAME.test(t)).join(' ');
  if (!code) {
    // 2010301行政运行, [201]一般公共服务支出, 【20105】统计信息事务
    const m = /^([[【(]?)(\d{3}(?:\d{2}){0,2})([\]】)]?)([^\d.,].*)$/.exec(halfWidth(name));
    if (m && cols.some((j) => roles[j] === 'name') && Boolean(m[1]) === Boolean(m[3])) {
      code = m[2];
      name = name.slice(m[1].length + m[2].length + m[3].length);
    }
  }
  const more = others.map((p) => [p.code, p.nameParts.join('')].filter(Boolean).join(' ')).filter(Boolean);
  // a row printed with only its later classification (1 全额 under 单位编码) has no empty first name
  return { code, name: [name, ...more].filter(Boolean).join(CLASSIFICATION_SEPARATOR) };
}

/** The body's values, each with its row's code and name (split 类|款|项 codes joined) and its column. */
function bodyCells(
  body: (GridCell | null)[][],
  roles: ColumnRole[],
  { groupCols, count: groupCount }: Groups,
  panelOf: string[],
  columns: { path: string[] }[],
): { cells: RawCell[]; messages: Message[] } {
  const messages: Message[] = [];
  const cells: RawCell[] = [];
  const split: SplitCodes = {
    splitCodes: roles.filter((r) => r === 'code').length > groupCount,
    // 类 | 款 under one heading are one code; under 部门经济分类 and 政府经济分类, two
    headingOf: (j) => columns[j].path.slice(0, -1).join('/'),
    isNote: (j) => NOTE_LEAF.test(squash(columns[j].path[columns[j].path.length - 1] ?? '')),
  };
  const emitted = new Set<GridCell>();
  const printedLevels = groupCols.map(() => [] as string[]);
  for (const r of body) {
    for (let k = 0; k < groupCount; k++) {
      const cols = groupCols[k];
      const { code, name } = rowLabel(r, cols, roles, split, printedLevels[k]);
      if (/^栏次$/.test(name)) continue;
      for (const j of cols) {
        if (roles[j] !== 'value') continue;
        const c = r[j];
        if (!c || emitted.has(c)) continue;
        const t = cellText(c);
        if (!t) continue;
        const amount = parseAmount(t);
        if (!amount) continue;
        emitted.add(c);
        if (!name && !code && cols.some((jj) => roles[jj] === 'code' || roles[jj] === 'name'))
          messages.push(
            warning(
              'unlabeled-value',
              `value ${amount.text} on page ${c.page ?? '?'} has no row label`,
              c.page ? { page: c.page } : {},
            ),
          );
        cells.push({
          panel: panelOf[k],
          row_code: code,
          row_name: name,
          column: columns[j].path,
          value: amount.text,
          cell: c,
        });
      }
    }
  }
  return { cells, messages };
}
