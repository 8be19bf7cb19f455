// Dashboard numbers over a set of queue rows (the whole project, or the current filter's result).
// - Progress and acceptance use each item's state (its latest effective decision, any reviewer).
// - Reasons count reasons over items whose state is reject (an item with two reasons counts in both;
//   `withoutReason` counts rejects that gave none).
// - Throughput and agreement use every reviewer's own latest effective decision per item (so an item
//   decided by two reviewers counts twice in throughput: both spent the time).
// - Rates and coefficients that have nothing to divide by are null.
import { cohenKappa, krippendorffAlpha } from './agreement';
import { secondsSpent } from './csv';
import type { ReviewLookup, VerdictRecord } from './state';
import { REASONS, type QueueRow, type Reason, type Verdict } from './types';

export interface Progress {
  total: number;
  decided: number;
  accept: number;
  fix: number;
  reject: number;
  /** (accept + fix) / decided. */
  keptRate: number | null;
  /** accept / decided. */
  acceptRate: number | null;
}

export interface TaskProgress extends Progress {
  task: string;
}

export interface Throughput {
  /** Decisions with a readable time (startedAt ≤ decidedAt). */
  decisions: number;
  /** Σ (decidedAt − startedAt), seconds (each capped at `capSeconds` when given). */
  seconds: number;
  /** decisions / (seconds / 3600); null when no time was spent. */
  itemsPerHour: number | null;
  /** Median seconds per decision; null when none. */
  medianSeconds: number | null;
}

export interface PairAgreement {
  a: string;
  b: string;
  /** Items both decided. */
  items: number;
  /** Share of those on which they agree. */
  observed: number | null;
  kappa: number | null;
}

export interface AgreementStats {
  /** Items decided by at least two reviewers. */
  items: number;
  raters: string[];
  /** Cohen's kappa for each pair of reviewers that share at least one item (names in sorted order). */
  pairs: PairAgreement[];
  /** Krippendorff's alpha (nominal, accept/fix/reject) over items decided by ≥ 2 reviewers. */
  alpha: number | null;
}

export interface DashboardStats {
  overall: Progress;
  /** Sorted by task id. */
  tasks: TaskProgress[];
  reasons: { byReason: Record<Reason, number>; rejects: number; withoutReason: number };
  throughput: Throughput & { byReviewer: Map<string, Throughput> };
  agreement: AgreementStats;
}

export interface StatsOptions {
  /** Cap on one decision's seconds (a tab left open over lunch); default: no cap. */
  capSeconds?: number;
}

const emptyProgress = (): Progress => ({ total: 0, decided: 0, accept: 0, fix: 0, reject: 0, keptRate: null, acceptRate: null });

function finishProgress<P extends Progress>(p: P): P {
  p.decided = p.accept + p.fix + p.reject;
  p.keptRate = p.decided ? (p.accept + p.fix) / p.decided : null;
  p.acceptRate = p.decided ? p.accept / p.decided : null;
  return p;
}

/** Median of a list (sorted in place); null when empty. */
export function median(xs: number[]): number | null {
  if (!xs.length) return null;
  xs.sort((a, b) => a - b);
  const m = xs.length >> 1;
  return xs.length % 2 ? xs[m] : (xs[m - 1] + xs[m]) / 2;
}

function throughput(durations: number[]): Throughput {
  const seconds = durations.reduce((s, x) => s + x, 0);
  return {
    decisions: durations.length,
    seconds,
    itemsPerHour: seconds > 0 ? durations.length / (seconds / 3600) : null,
    medianSeconds: median(durations.slice()),
  };
}

export function computeStats(rows: readonly QueueRow[], lookup: ReviewLookup, opts: StatsOptions = {}): DashboardStats {
  const cap = opts.capSeconds ?? Infinity;
  const overall = emptyProgress();
  const byTask = new Map<string, TaskProgress>();
  const byReason = Object.fromEntries(REASONS.map((r) => [r, 0])) as Record<Reason, number>;
  let withoutReason = 0;
  const all: number[] = [];
  const perRev = new Map<string, number[]>();
  // Agreement material: units (items with ≥ 2 reviewers) as reviewer → verdict maps.
  const units: Map<string, Verdict>[] = [];

  for (const r of rows) {
    let t = byTask.get(r.task);
    if (!t) byTask.set(r.task, (t = { task: r.task, ...emptyProgress() }));
    t.total++;
    overall.total++;
    const d = lookup.latest(r.id);
    if (d) {
      t[d.decision]++;
      overall[d.decision]++;
      if (d.decision === 'reject') {
        const rs = d.reasons ?? [];
        if (!rs.length) withoutReason++;
        for (const x of new Set(rs)) if (Object.hasOwn(byReason, x)) byReason[x]++;
      }
    }
    const each: VerdictRecord[] = d ? lookup.byReviewer(r.id) : [];
    for (const e of each) {
      const s = secondsSpent(e);
      if (s === undefined) continue;
      const c = Math.min(s, cap);
      all.push(c);
      let l = perRev.get(e.reviewer);
      if (!l) perRev.set(e.reviewer, (l = []));
      l.push(c);
    }
    if (each.length >= 2) units.push(new Map(each.map((e) => [e.reviewer, e.decision])));
  }

  const raters = [...new Set(units.flatMap((u) => [...u.keys()]))].sort();
  const pairs: PairAgreement[] = [];
  for (let i = 0; i < raters.length; i++)
    for (let j = i + 1; j < raters.length; j++) {
      const a: Verdict[] = [];
      const b: Verdict[] = [];
      for (const u of units) {
        const x = u.get(raters[i]);
        const y = u.get(raters[j]);
        if (x && y) {
          a.push(x);
          b.push(y);
        }
      }
      if (!a.length) continue;
      const k = cohenKappa(a, b);
      pairs.push({ a: raters[i], b: raters[j], items: k.n, observed: k.observed, kappa: k.kappa });
    }
  const alpha = krippendorffAlpha(units.map((u) => [...u.values()])).alpha;

  const byReviewer = new Map([...perRev.keys()].sort().map((name) => [name, throughput(perRev.get(name)!)]));

  return {
    overall: finishProgress(overall),
    tasks: [...byTask.values()].map(finishProgress).sort((a, b) => (a.task < b.task ? -1 : a.task > b.task ? 1 : 0)),
    reasons: { byReason, rejects: overall.reject, withoutReason },
    throughput: { ...throughput(all), byReviewer },
    agreement: { items: units.length, raters, pairs, alpha },
  };
}
