// Numbers as questions show them, and the arithmetic of fair numeric options: every wrong option
// fails the task's success rule against the answer, shown and exact alike, and — so that the
// options alone cannot single out the answer — every option fails it against every other.

/** Rounds to `decimals` and prints without a trailing "-0". */
export function fixed(v: number, decimals: number): string {
  const s = v.toFixed(decimals);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

/** Rounds to a number of significant digits (for quantities spanning orders of magnitude). */
export function significant(v: number, digits: number): string {
  if (v === 0) return '0';
  const d = Math.max(0, digits - 1 - Math.floor(Math.log10(Math.abs(v))));
  return fixed(v, Math.min(d, 6));
}

export const relErr = (pred: number, truth: number) => Math.abs(pred - truth) / Math.abs(truth);

/**
 * The smallest ratio two options may have so that, whichever of them is right, the other fails a
 * relative-error rule: above the answer it must exceed 1 + t, below it must be under 1 − t.
 */
export const ruleRatio = (t: number) => Math.max(1 + t, 1 / (1 - t));

/**
 * Wrong options and false claims stay this share of the rule beyond it (a 50 % rule: beyond 52.5 %),
 * so that no option sits on the rule's edge, where a slightly different lift would change its credit.
 */
export const RULE_MARGIN = 0.05;

/** Significant digits of a printed number ("0.30" → 2, "7" → 1, "120" → 3). */
export function significantDigits(text: string): number {
  const digits = text.replace(/^-/, '').replace('.', '').replace(/^0+/, '');
  return digits.length;
}

/**
 * A value as an option or a claim prints it: the quantity's own printing, with more decimals
 * where that would leave a single significant digit (0.3 m at one decimal could be anything from
 * 0.25 to 0.35), so that rounding never brings two options within the rule of each other.
 */
export function printedAtLeastTwo(x: number, show: (v: number) => string): string {
  const s = show(x);
  return significantDigits(s) >= 2 ? s : significant(x, 2);
}

/** The geometric mean of positive values. */
export const geometricMean = (xs: readonly number[]) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);

/** Fisher–Yates shuffle in place with the given stream. */
export function shuffle<T>(xs: T[], rand: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

/**
 * Wrong counts for a count answer when no sibling counts can be had (recomputing after an edit):
 * nearby integers within [min, max], fewer than `count` when the range is that small.
 */
export function countDistractors(answer: number, rand: () => number, max = Infinity, count = 3, min = 0): string[] {
  const pool: number[] = [];
  for (let d = 1; d <= 3; d++) for (const x of [answer - d, answer + d]) if (x >= min && x <= max) pool.push(x);
  const out: number[] = [];
  while (out.length < count && pool.length) out.push(pool.splice(Math.floor(rand() * pool.length), 1)[0]);
  return out.map(String);
}
