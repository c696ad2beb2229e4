import { describe, expect, it } from 'vitest';
import {
  atPrintScale,
  brokenGrouping,
  unsure,
  cutAtRules,
  detectionWindow,
  dropEchoes,
  fitToInkRows,
  isSliver,
  loneZero,
  lostPoint,
  reachStrokes,
  type Run,
  splitInkLines,
  splitRuns,
  type Glyph,
} from './ppocr.js';

/** glyphs of one detected box: characters 20 px wide, `gaps` px blank before each */
function glyphs(text: string, gaps: number[] = []): Glyph[] {
  let x = 0;
  return [...text].map((ch, i) => {
    x += gaps[i] ?? 0;
    const g = { ch, p: 0.99, x0: x, x1: x + 20 };
    x += 20;
    return g;
  });
}

describe('splitRuns', () => {
  const box = { y0: 0, y1: 30 };
  it('keeps a name and a figure in one cell as they are', () => {
    expect(splitRuns(glyphs('一般公共服务支出'), box, [], 30).map((r) => r.text)).toEqual(['一般公共服务支出']);
  });
  it('splits two cells the detector joined, at a wide blank or a ruling line', () => {
    expect(splitRuns(glyphs('合计876.94', [0, 0, 60]), box, [], 30).map((r) => r.text)).toEqual(['合计', '876.94']);
    expect(splitRuns(glyphs('31694.38', [0, 0, 5]), box, [42], 30).map((r) => r.text)).toEqual(['31', '694.38']);
  });
  it('keeps a spaced heading whole', () => {
    expect(splitRuns(glyphs('项目名称', [0, 45, 45, 45]), box, [], 30).map((r) => r.text)).toEqual(['项目名称']);
  });
  it('drops the blank a spaced font leaves after a separator, and bars read from rules', () => {
    expect(splitRuns(glyphs('3, 806.26'), box, [], 30).map((r) => r.text)).toEqual(['3,806.26']);
    expect(splitRuns(glyphs('|30225专用燃料费'), box, [], 30).map((r) => r.text)).toEqual(['30225专用燃料费']);
  });
  it('gives the lowest character probability as the confidence', () => {
    const g = glyphs('12.50');
    g[3].p = 0.42;
    expect(splitRuns(g, box, [], 30)[0].confidence).toBe(42);
  });
});

describe('dropEchoes', () => {
  /** one box's run of `text` at x (characters 20 px wide), on the line y 0–30 */
  const run = (text: string, x: number): Run => {
    const [r] = splitRuns(
      glyphs(text).map((g) => ({ ...g, x0: g.x0 + x, x1: g.x1 + x })),
      { y0: 0, y1: 30 },
      [],
      30,
    );
    return r;
  };
  it("drops a figure's first digit read again from an overlapping box", () => {
    const out = dropEchoes([run('3', 100), run('30202', 100)]);
    expect(out.map((r) => r?.text)).toEqual([undefined, '30202']);
  });
  it("drops the piece of a character cut by a box's edge, read as a character of its own", () => {
    // "二、" and its neighbour's first character's left half, read 正; the neighbour's ink starts 2 px on
    const out = dropEchoes([run('二、正', 40), run('政府性基金', 102)]);
    expect(out.map((r) => r?.text)).toEqual(['二、', '政府性基金']);
  });
  it('drops the unsure piece of a character the detector cut in two, whichever box holds it', () => {
    // "金额" in two boxes: 金 and the left half of 额, read 客 at 0.46, then 额 read whole from its
    // box, whose ink begins 2 px inside the first's
    const cut = (text: string, x: number, p: number[]): Run => {
      const r = run(text, x);
      return { ...r, glyphs: r.glyphs!.map((g, i) => ({ ...g, p: p[i] })) };
    };
    const left = dropEchoes([cut('金客', 40, [0.99, 0.46]), cut('额', 78, [0.99])]);
    expect(left.map((r) => r?.text)).toEqual(['金', '额']);
    // the unsure piece at the start of the second box
    const right = dropEchoes([cut('二', 40, [0.98]), cut('正外交', 58, [0.4, 0.99, 0.99])]);
    expect(right.map((r) => r?.text)).toEqual(['二', '外交']);
    // an unsure character a cell away from the next box is no piece of it
    const apart = dropEchoes([cut('金客', 40, [0.99, 0.46]), cut('额', 120, [0.99])]);
    expect(apart.map((r) => r?.text)).toEqual(['金客', '额']);
  });
  it('keeps the runs of two cells apart, and lines one above the other', () => {
    const out = dropEchoes([run('合计', 40), run('876.94', 120), { ...run('拨款', 40), y0: 31, y1: 60 }]);
    expect(out.map((r) => r?.text)).toEqual(['合计', '876.94', '拨款']);
  });
});

describe('isSliver', () => {
  const ink = (width: number, height = 26) => ({ left: 100, right: 100 + width - 1, top: 40, bottom: 40 + height - 1 });
  it('takes Chinese read from ink far narrower than a character for no print', () => {
    expect(isSliver('路', ink(4))).toBe(true);
    expect(isSliver('合计', ink(12))).toBe(true);
    expect(isSliver('5', ink(2, 9))).toBe(true);
  });
  it('keeps narrow characters, and figures of any width', () => {
    expect(isSliver('川', ink(16))).toBe(false);
    expect(isSliver('合计', ink(44))).toBe(false);
    expect(isSliver('1', ink(4))).toBe(false);
    expect(isSliver('7,666.68', ink(20))).toBe(false);
    expect(isSliver('5', ink(12))).toBe(false);
    expect(isSliver('11', ink(6))).toBe(false);
    expect(isSliver('30205', ink(60, 70))).toBe(false);
    expect(isSliver('入', null)).toBe(false);
  });
});

describe('loneZero', () => {
  it('reads a cell that is only the letter o as 0, and leaves words and figures', () => {
    expect(['o', 'O', 'o.oo', 'O.00', 'oo', 'So', '0', '收入O'].map(loneZero)).toEqual([
      '0',
      '0',
      '0.00',
      '0.00',
      'oo',
      'So',
      '0',
      '收入O',
    ]);
  });
});

describe('reachStrokes', () => {
  // a 200 × 40 page, paper 230: a box over "characters" at x 60–120 and a faint 一 at x 40–56
  function page(stroke: number, ruleAt?: number) {
    const width = 200;
    const height = 40;
    const data = new Uint8Array(width * height).fill(230);
    const put = (x0: number, x1: number, y0: number, y1: number, v: number) => {
      for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) data[y * width + x] = v;
    };
    for (let x = 60; x < 120; x += 12) put(x, x + 8, 12, 28, 20);
    put(40, 56, 19, 20, stroke);
    if (ruleAt !== undefined) put(ruleAt, ruleAt + 1, 0, 39, 20);
    return { width, height, data };
  }
  const box = { x0: 57, y0: 4, x1: 128, y1: 36, score: 0.9 };
  it('grows a box to a thin, faint stroke beside its ink', () => {
    const b = reachStrokes(page(170), 184, box, [box], []);
    expect(b.x0).toBeLessThanOrEqual(40);
    expect(b.x1).toBe(box.x1);
  });
  it('not across a vertical rule, nor to noise or a stroke a cell away', () => {
    const rule = { x0: 48, x1: 49, y0: 0, y1: 39 };
    expect(reachStrokes(page(170, 48), 184, box, [box], [rule]).x0).toBeGreaterThan(49);
    expect(reachStrokes(page(215), 184, box, [box], []).x0).toBe(box.x0);
    const far = page(230);
    for (let y = 19; y <= 20; y++) for (let x = 20; x <= 34; x++) far.data[y * 200 + x] = 170;
    expect(reachStrokes(far, 184, box, [box], []).x0).toBe(box.x0);
  });
});

describe('cutAtRules', () => {
  it('cuts a box at the rule crossing it, each piece read with blank paper on its cut side', () => {
    const width = 200;
    const height = 40;
    const data = new Uint8Array(width * height).fill(230);
    const put = (x0: number, x1: number, v: number) => {
      for (let y = 10; y <= 30; y++) for (let x = x0; x <= x1; x++) data[y * width + x] = v;
    };
    put(20, 90, 20); // a figure ending at the rule
    put(100, 101, 20); // the rule
    put(110, 170, 20); // a code beyond it
    const box = { x0: 10, y0: 5, x1: 180, y1: 35, score: 0.9 };
    const pieces = cutAtRules({ width, height, data }, 128, box, [{ x0: 100, x1: 101, y0: 0, y1: 39 }], 230);
    expect(pieces.map((p) => [p.x0, p.x1])).toEqual([
      [10, 98],
      [103, 180],
    ]);
    expect(pieces[0].pad).toEqual({ left: 0, right: 24, paper: 230 });
    expect(pieces[1].pad).toEqual({ left: 24, right: 0, paper: 230 });
  });
});

describe('lostPoint', () => {
  it('reads the blank before two final digits of a grouped figure as its point, nothing else', () => {
    expect(['7,666 68', '13,649,070 05', '668 50', '7,666 680', '7,666.68', '合计 12'].map(lostPoint)).toEqual([
      '7,666.68',
      '13,649,070.05',
      '668 50',
      '7,666 680',
      '7,666.68',
      '合计 12',
    ]);
  });
});

describe('fitToInkRows', () => {
  // a 120 × 100 page, paper 230: a code 16 px high in a row 68 px tall between two rules
  function row() {
    const width = 120;
    const height = 100;
    const data = new Uint8Array(width * height).fill(230);
    for (let x = 0; x < width; x++) data[10 * width + x] = data[78 * width + x] = 20;
    for (let y = 36; y < 52; y++) for (let x = 30; x < 90; x += 6) data[y * width + x] = 20;
    return { width, height, data };
  }
  const rules = [
    { x0: 0, x1: 119, y0: 10, y1: 10 },
    { x0: 0, x1: 119, y0: 78, y1: 78 },
  ];
  it('cuts a box grown to its row down to its ink, rules left out', () => {
    const b = fitToInkRows(row(), 128, { x0: 20, y0: 8, x1: 100, y1: 80, score: 0.9 }, rules);
    expect([b.y0, b.y1]).toEqual([36 - 6, 51 + 6]);
  });
  it('does not take the border a code stands against for ink', () => {
    const page = row();
    for (let y = 0; y < 100; y++) page.data[y * 120 + 24] = 20;
    const border = [...rules, { x0: 24, x1: 24, y0: 0, y1: 99 }];
    const b = fitToInkRows(page, 128, { x0: 20, y0: 8, x1: 100, y1: 80, score: 0.9 }, rules, border.slice(2));
    expect([b.y0, b.y1]).toEqual([30, 57]);
  });
  it('cuts a box no taller than twice its ink when a rule crosses it (read as 三)', () => {
    const b = fitToInkRows(row(), 128, { x0: 20, y0: 30, x1: 100, y1: 80, score: 0.9 }, rules);
    expect([b.y0, b.y1]).toEqual([30, 57]);
  });
  it('leaves a box that fits its ink, and one whose only ink is a rule', () => {
    const fits = { x0: 20, y0: 30, x1: 100, y1: 57, score: 0.9 };
    expect(fitToInkRows(row(), 128, fits, rules)).toEqual(fits);
    const ruleOnly = { x0: 20, y0: 5, x1: 100, y1: 20, score: 0.9 };
    expect(fitToInkRows(row(), 128, ruleOnly, rules)).toEqual(ruleOnly);
  });
});

describe('lines of print in one box', () => {
  /** a 200 × 120 page, paper 228: blocks of "characters" (strokes 1 px apart) in rows [top, bottom) */
  function page(...lines: [number, number][]) {
    const width = 200;
    const data = new Uint8Array(width * 120).fill(228);
    for (const [top, bottom] of lines)
      for (let y = top; y < bottom; y++) for (let x = 20; x < 180; x += 2) data[y * width + x] = 25;
    return { width, height: 120, data };
  }
  const box = (y0: number, y1: number) => ({ x0: 10, y0, x1: 190, y1, score: 0.9 });

  it('splits a wrapped cell DB saw as one region into a box a line', () => {
    // lines 24 px high where the page's median box is 40 px
    const two = splitInkLines(page([20, 44], [50, 74]), 128, box(14, 80), 40, []);
    expect(two.map((b) => [b.y0, b.y1])).toEqual([
      [14, 46],
      [47, 80],
    ]);
  });
  it('keeps one line whose strokes stand apart (二, 三) whole', () => {
    expect(splitInkLines(page([30, 33], [40, 43], [50, 53]), 128, box(20, 60), 40, []).length).toBe(1);
    expect(splitInkLines(page([20, 44]), 128, box(14, 50), 40, []).length).toBe(1);
  });
  it('keeps the parts of one character (米 over 大 in 类) together', () => {
    expect(splitInkLines(page([20, 31], [33, 44]), 128, box(14, 50), 40, []).length).toBe(1);
  });
  it('cuts a box down to its line where the line above or below reaches into it', () => {
    // the box of a line (rows 20–43) that takes in the bottom of the line above (rows 10–15): cut
    // to the line's rows with a margin of 8 px (0.35 of 24), inside the box
    const b = fitToInkRows(page([0, 16], [20, 44]), 128, box(10, 47), []);
    expect([b.y0, b.y1]).toEqual([12, 47]);
  });
  it('keeps a low part of its own ink that stands inside the box (a dot, 心 under 总)', () => {
    const b = box(8, 47);
    expect(fitToInkRows(page([14, 18], [22, 44]), 128, b, [])).toEqual(b);
  });
});

describe('detectionWindow', () => {
  // a grey page of 1654 × 2339 px (A4 at 200 dpi) whose every pixel differs from its neighbours
  const width = 1654;
  const height = 2339;
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = (i * 7919 + (i >> 11) * 104729) % 251;
  const page = { width, height, data };
  const scale = 96 / 200;

  it('shows the detector the pixels the whole page shows it there, cut on the 32 px lattice', () => {
    const whole = detectionWindow(page, scale);
    expect([whole.x0, whole.y0, whole.W % 32, whole.H % 32]).toEqual([0, 0, 0, 0]);
    for (const region of [
      { x0: 201, y0: 377, x1: 1333, y1: 1802 },
      { x0: 0, y0: 0, x1: 90, y1: 2338 },
      { x0: 1500, y0: 2200, x1: 1653, y1: 2338 },
    ]) {
      const win = detectionWindow(page, scale, region);
      expect([win.x0 % 32, win.y0 % 32, win.W % 32, win.H % 32]).toEqual([0, 0, 0, 0]);
      // it covers the region and stays inside the page
      expect(win.x0 * win.sx).toBeLessThanOrEqual(region.x0);
      expect(win.y0 * win.sy).toBeLessThanOrEqual(region.y0);
      expect((win.x0 + win.W) * win.sx).toBeGreaterThanOrEqual(region.x1 + 1);
      expect((win.y0 + win.H) * win.sy).toBeGreaterThanOrEqual(region.y1 + 1);
      expect(win.x0 + win.W).toBeLessThanOrEqual(whole.W);
      expect(win.y0 + win.H).toBeLessThanOrEqual(whole.H);
      let differ = 0;
      for (let y = 0; y < win.H; y++)
        for (let x = 0; x < win.W; x++)
          if (Math.abs(win.px[y * win.W + x] - whole.px[(win.y0 + y) * whole.W + win.x0 + x]) > 1e-3) differ++;
      expect(differ).toBe(0);
    }
  });

  it('is a fraction of the page where the print is', () => {
    const win = detectionWindow(page, scale, { x0: 400, y0: 300, x1: 1200, y1: 900 });
    expect(win.W * win.H).toBeLessThan(0.2 * detectionWindow(page, scale).W * detectionWindow(page, scale).H);
  });
});

describe('brokenGrouping', () => {
  it('finds a figure whose comma groups are not of three digits (a digit dropped)', () => {
    for (const t of ['2,177,0', '4,755,58', '18,373,3', '1,2345.00', '12,34', '4, 755,5 1', '-3,00'])
      expect(brokenGrouping(t)).toBe(true);
  });
  it('leaves well-grouped figures, figures without commas, and words', () => {
    for (const t of ['2,177,200', '4,755,518.00', '877.5', '0.00', '30201', '-1,234', '合计', '2,177,2OO', ''])
      expect(brokenGrouping(t)).toBe(false);
  });
});

describe('unsure', () => {
  const run = (p: number[]): Run => ({
    text: 'x'.repeat(p.length),
    confidence: Math.round(100 * Math.min(...p)),
    x0: 0,
    x1: 10 * p.length,
    y0: 0,
    y1: 20,
    glyphs: p.map((q, i) => ({ ch: '牌', p: q, x0: 10 * i, x1: 10 * i + 10 })),
  });
  it('takes a run with no character read even a little surely for no print', () => {
    expect(unsure(run([0.12, 0.08]))).toBe(true);
  });
  it('keeps a run with one character read surely, however unsure the rest', () => {
    expect(unsure(run([0.12, 0.9]))).toBe(false);
    expect(unsure(run([0.45]))).toBe(false);
  });
});

describe('atPrintScale', () => {
  // a line of print 20 px high (rows 40–59) across x 10–389 of a 400 × 100 page, and a figure
  // (x 10–129) on a line of its own, rows 70–89
  const width = 400;
  const data = new Uint8Array(width * 100).fill(235);
  for (let y = 40; y < 60; y++) for (let x = 10; x < 390; x++) if ((x + y) % 4 === 0) data[y * width + x] = 20;
  for (let y = 70; y < 90; y++) for (let x = 10; x < 130; x++) if ((x + y) % 4 === 0) data[y * width + x] = 20;
  const page = { width, height: 100, data };
  const box = (y0: number, y1: number) => ({ x0: 5, x1: 395, y0, y1, score: 0.9 });

  it('gives a long line its print fills paper above and below, to the margin a box fitted to its ink has', () => {
    // 2 px above and 1 below the ink; the margin is 0.35 of 20 px
    const b = atPrintScale(page, 128, box(38, 60), 235);
    expect(b.vpad).toEqual({ top: 5, bottom: 6, paper: 235 });
    expect([b.y0, b.y1]).toEqual([38, 60]);
  });

  it('leaves a box with that margin already, a short one (a figure), and one without ink', () => {
    expect(atPrintScale(page, 128, box(30, 66), 235).vpad).toBeUndefined();
    expect(atPrintScale(page, 128, box(68, 91), 235).vpad).toBeUndefined();
    expect(atPrintScale(page, 128, { ...box(62, 68), x1: 395 }, 235).vpad).toBeUndefined();
  });
});
