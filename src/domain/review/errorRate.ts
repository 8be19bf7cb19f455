// How wrong is a benchmark? The share of items reviewers judged wrong, with its uncertainty:
// Wilson intervals per task, the stratified estimate for the whole set (tasks weighted by their
// size, finite-population corrected), the sample needed for a target half-width, and how well the
// automatic audit's errors agreed with the reviewers' rejections.

/** z for a two-sided 95 % interval. */
export const Z95 = 1.959963984540054;

export interface Interval {
  /** Point estimate. */
  p: number;
  lo: number;
  hi: number;
}

/** Wilson score interval for k successes in n trials (null when n is 0). */
export function wilson(k: number, n: number, z = Z95): Interval | null {
  if (!(n > 0)) return null;
  if (!(k >= 0 && k <= n)) throw new Error(`wilson: k must lie in 0…n, got ${k} of ${n}`);
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { p, lo: Math.max(0, centre - half), hi: Math.min(1, centre + half) };
}

export interface StratumCount {
  /** The task (stratum) name. */
  task: string;
  /** Items of the task in the whole set. */
  population: number;
  /** Items of the task reviewed (with a final accept or reject). */
  reviewed: number;
  /** Of those, judged wrong (rejected). */
  wrong: number;
}

export interface StratumEstimate extends StratumCount {
  /** Wilson 95 % interval of the share wrong; null when none was reviewed. */
  interval: Interval | null;
  /** The reviewed sample that gives the target half-width (finite-population corrected). */
  needed: number;
  /** needed − reviewed, at least 0. */
  more: number;
}

export interface ErrorRateEstimate {
  tasks: StratumEstimate[];
  /** Stratified estimate over the tasks with reviewed items; null when none has. */
  overall: (Interval & { se: number }) | null;
  /** Items in tasks with no reviewed item: the overall estimate does not cover them. */
  unsampledItems: number;
  /** The target half-width the `needed` sizes are for. */
  halfWidth: number;
  /** Reviewed items needed overall for the target (proportional allocation), and how many more. */
  neededOverall: number;
  moreOverall: number;
}

/** p(1−p) for the variance; at 0 or 1 the Agresti–Coull p̃ = (k+2)/(n+4), so that a clean sample still has an uncertainty. */
function varianceShare(k: number, n: number): number {
  const p = k === 0 || k === n ? (k + 2) / (n + 4) : k / n;
  return p * (1 - p);
}

/** n for a half-width h at share p, corrected for a finite population of N. */
export function sampleSize(p: number, h: number, N: number, z = Z95): number {
  if (!(h > 0)) throw new Error(`the target half-width must be positive, got ${h}`);
  const n0 = (z * z * p * (1 - p)) / (h * h);
  const n = N > 0 ? n0 / (1 + (n0 - 1) / N) : n0;
  return Math.min(N > 0 ? N : Infinity, Math.ceil(n - 1e-9));
}

/** A task's share for planning: its own once 10 items are reviewed, else the worst case 0.5. */
const planningShare = (s: StratumCount) => (s.reviewed >= 10 ? (s.wrong === 0 || s.wrong === s.reviewed ? (s.wrong + 2) / (s.reviewed + 4) : s.wrong / s.reviewed) : 0.5);

/**
 * The estimate. Overall: p̂ = Σ W_h p_h with W_h = N_h / N over the tasks reviewed, and
 * Var = Σ W_h² (1 − n_h/N_h) p_h(1 − p_h) / (n_h − 1) (n_h − 1 → 1 for a single item).
 */
export function estimateErrorRate(strata: readonly StratumCount[], halfWidth = 0.03, z = Z95): ErrorRateEstimate {
  for (const s of strata)
    if (!(s.population >= 0 && s.reviewed >= 0 && s.wrong >= 0 && s.wrong <= s.reviewed && s.reviewed <= s.population))
      throw new Error(`task ${JSON.stringify(s.task)}: counts do not fit (population ${s.population}, reviewed ${s.reviewed}, wrong ${s.wrong})`);
  const tasks: StratumEstimate[] = strata.map((s) => {
    const needed = sampleSize(planningShare(s), halfWidth, s.population, z);
    return { ...s, interval: wilson(s.wrong, s.reviewed, z), needed, more: Math.max(0, needed - s.reviewed) };
  });
  const covered = strata.filter((s) => s.reviewed > 0);
  const N = covered.reduce((a, s) => a + s.population, 0);
  let overall: ErrorRateEstimate['overall'] = null;
  if (N > 0) {
    let p = 0,
      v = 0;
    for (const s of covered) {
      const W = s.population / N;
      p += (W * s.wrong) / s.reviewed;
      v += (W * W * (1 - s.reviewed / s.population) * varianceShare(s.wrong, s.reviewed)) / Math.max(1, s.reviewed - 1);
    }
    const se = Math.sqrt(v);
    overall = { p, lo: Math.max(0, p - z * se), hi: Math.min(1, p + z * se), se };
  }
  // Overall plan, proportional allocation: n0 = z² Σ W_h p_h(1−p_h) / h², corrected for N
  const Nall = strata.reduce((a, s) => a + s.population, 0);
  let neededOverall = 0;
  if (Nall > 0) {
    const sw = strata.reduce((a, s) => a + (s.population / Nall) * planningShare(s) * (1 - planningShare(s)), 0);
    const n0 = (z * z * sw) / (halfWidth * halfWidth);
    const n = n0 / (1 + n0 / Nall);
    neededOverall = strata.reduce((a, s) => a + Math.min(s.population, Math.ceil((n * s.population) / Nall - 1e-9)), 0);
  }
  const reviewedAll = strata.reduce((a, s) => a + s.reviewed, 0);
  return {
    tasks,
    overall,
    unsampledItems: strata.filter((s) => s.reviewed === 0).reduce((a, s) => a + s.population, 0),
    halfWidth,
    neededOverall,
    moreOverall: Math.max(0, neededOverall - reviewedAll),
  };
}

export interface AuditAgreement {
  /** Reviewed items the audit judged. */
  items: number;
  /** Audit error and reviewer rejection. */
  truePositives: number;
  /** Audit error, reviewer accepted. */
  falsePositives: number;
  /** No audit error, reviewer rejected. */
  falseNegatives: number;
  /** TP / (TP + FP); null with no audit error. */
  precision: number | null;
  /** TP / (TP + FN); null with no rejection. */
  recall: number | null;
}

/** How well the audit's errors agreed with the reviewers' final verdicts (items with both). */
export function auditAgreement(pairs: Iterable<{ auditError: boolean; rejected: boolean }>): AuditAgreement {
  let items = 0,
    tp = 0,
    fp = 0,
    fn = 0;
  for (const { auditError, rejected } of pairs) {
    items++;
    if (auditError && rejected) tp++;
    else if (auditError) fp++;
    else if (rejected) fn++;
  }
  return { items, truePositives: tp, falsePositives: fp, falseNegatives: fn, precision: tp + fp ? tp / (tp + fp) : null, recall: tp + fn ? tp / (tp + fn) : null };
}

const pc = (x: number) => `${(100 * x).toFixed(1)} %`;

/** "12.0 % wrong (95 % CI 7.1–19.4 %, 10 of 83)". */
export const intervalText = (i: Interval, k?: number, n?: number): string =>
  `${pc(i.p)} wrong (95 % CI ${(100 * i.lo).toFixed(1)}–${pc(i.hi)}${k !== undefined && n !== undefined ? `, ${k} of ${n}` : ''})`;

/** The table `spatial-lens`-style output prints. */
export function formatErrorRate(e: ErrorRateEstimate, agreement?: AuditAgreement): string {
  const w = Math.max(4, ...e.tasks.map((t) => t.task.length));
  const lines = [`${'task'.padEnd(w)}  items  reviewed  wrong  share wrong (95 % Wilson)   more for ±${(100 * e.halfWidth).toFixed(0)} pts`];
  for (const t of e.tasks)
    lines.push(
      `${t.task.padEnd(w)}  ${String(t.population).padStart(5)}  ${String(t.reviewed).padStart(8)}  ${String(t.wrong).padStart(5)}  ${(t.interval ? `${pc(t.interval.p)} (${(100 * t.interval.lo).toFixed(1)}–${(100 * t.interval.hi).toFixed(1)})` : '–').padEnd(26)}  ${String(t.more).padStart(5)}`,
    );
  lines.push(
    e.overall
      ? `all (stratified, task-weighted): ${pc(e.overall.p)} wrong, 95 % CI ${(100 * e.overall.lo).toFixed(1)}–${pc(e.overall.hi)}${e.unsampledItems ? `; ${e.unsampledItems} items in unreviewed tasks are not covered` : ''}; ${e.moreOverall} more reviews for ±${(100 * e.halfWidth).toFixed(0)} points`
      : 'all: no item reviewed yet',
  );
  if (agreement && agreement.items)
    lines.push(
      `audit vs reviewers (${agreement.items} items): precision ${agreement.precision === null ? '–' : pc(agreement.precision)}, recall ${agreement.recall === null ? '–' : pc(agreement.recall)} (${agreement.truePositives} agreed errors, ${agreement.falsePositives} false alarms, ${agreement.falseNegatives} missed)`,
    );
  return lines.join('\n');
}
