// Numbers as questions show them, and wrong options for numeric multiple choice. A distractor must
// fail the task's success rule against the answer (shown and exact alike), stay plausible (same
// order of magnitude, positive), differ visibly from the other options, and the answer's rank
// among the options must not give it away: it is drawn uniformly from the ranks possible.

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

export interface NumericChoiceSpec {
  /** Relative error a distractor must exceed (vs the shown and the exact answer). */
  threshold: number;
  /** How values are printed (the answer included). */
  show: (v: number) => string;
  /** Wrong options wanted. */
  count?: number;
  /** Smallest plausible value (exclusive), e.g. 0 for lengths. */
  floor?: number;
}

/**
 * `count` wrong values for a positive answer, or null when the printing cannot separate enough of
 * them. Each is answer × a factor drawn log-uniformly from beyond the threshold (up to 3× away).
 */
export function numericDistractors(answer: number, rand: () => number, spec: NumericChoiceSpec): string[] | null {
  const count = spec.count ?? 3;
  const shown = spec.show(answer);
  const shownValue = Number(shown);
  const floor = spec.floor ?? 0;
  const t = spec.threshold;
  const ok = (s: string, taken: string[]) => {
    const x = Number(s);
    if (!(x > floor) || s === shown) return false;
    if (relErr(x, answer) <= t || relErr(x, shownValue) <= t) return false;
    // visibly different from every other option: 12 % apart at least
    return taken.every((o) => Math.abs(x - Number(o)) > 0.12 * Math.max(x, Number(o)));
  };
  const hiLo = Math.log(1 + t) + 0.03, hiHi = Math.log(3);
  const loLo = Math.log(1 / Math.max(1e-3, 1 - t)) + 0.03, loHi = Math.log(3);
  const draw = (below: boolean) => {
    const r = rand();
    const l = below ? loLo + r * (loHi - loLo) : hiLo + r * (hiHi - hiLo);
    return spec.show(below ? answer / Math.exp(l) : answer * Math.exp(l));
  };
  // answer's rank: how many distractors go below it, uniform over what is possible
  const below = Math.floor(rand() * (count + 1));
  for (const nBelow of [below, ...Array.from({ length: count + 1 }, (_, k) => k).filter((k) => k !== below)]) {
    const out: string[] = [];
    let tries = 0;
    while (out.length < count && tries < 60) {
      const s = draw(out.length < nBelow);
      tries++;
      if (ok(s, out)) out.push(s);
      else if (tries % 20 === 0 && out.length < nBelow) break;
    }
    if (out.length === count) return out;
  }
  return null;
}

/**
 * Wrong counts for a count answer: nearby integers within [0, max] (no more than the objects of
 * that class in the photo), fewer than `count` when the range is that small.
 */
export function countDistractors(answer: number, rand: () => number, max = Infinity, count = 3): string[] {
  const pool: number[] = [];
  for (let d = 1; d <= 3; d++) for (const x of [answer - d, answer + d]) if (x >= 0 && x <= max) pool.push(x);
  const out: number[] = [];
  while (out.length < count && pool.length) out.push(pool.splice(Math.floor(rand() * pool.length), 1)[0]);
  return out.map(String);
}
