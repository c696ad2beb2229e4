/** The check stage's arithmetic: name, unit, why, default. */

/**
 * Figures are compared as integers of 0.0001 of their unit: published tables print at most two
 * decimals (four in a few 元 tables), so sums are exact, with no floating-point error.
 */
export const FIGURE_SCALE = 10000n;

/**
 * The rounding step of a figure printed with 0, 1 or 2 decimals, in units of 1 / FIGURE_SCALE:
 * a sum may be off by one step per rounded summand and still be right ("within rounding").
 */
export const ROUNDING_STEP_BY_DECIMALS = [10000n, 1000n, 100n] as const;
