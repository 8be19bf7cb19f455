// The error-rate estimate from the review's own counts: an item the reviewers rejected or had to
// fix was wrong as published; the reviewed items of a task are its decided ones.
import { type ErrorRateEstimate, type StratumCount, estimateErrorRate } from './errorRate';
import type { TaskProgress } from './stats';

export const strataOf = (tasks: readonly TaskProgress[]): StratumCount[] => tasks.map((t) => ({ task: t.task, population: t.total, reviewed: t.decided, wrong: t.fix + t.reject }));

/** What an export's manifest.json carries, so that anyone can check the figure. */
export interface ErrorRateManifest {
  method: string;
  wrong_means: string;
  half_width_target: number;
  overall: { share: number; lo: number; hi: number; se: number } | null;
  unsampled_items: number;
  tasks: { task: string; items: number; reviewed: number; wrong: number; share: number | null; lo: number | null; hi: number | null; more_for_target: number }[];
  /** The seeded sample the reviewed items came from, where one was drawn. */
  sample: { seed: number; per_task: number } | null;
}

const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

export function errorRateManifest(tasks: readonly TaskProgress[], sample: ErrorRateManifest['sample'], halfWidth = 0.03): ErrorRateManifest {
  const e: ErrorRateEstimate = estimateErrorRate(strataOf(tasks), halfWidth);
  return {
    method: 'Wilson 95 % interval per task; overall stratified by task (weights = task sizes), finite-population corrected, normal 95 % interval',
    wrong_means: 'rejected or fixed by the reviewers (latest decision)',
    half_width_target: halfWidth,
    overall: e.overall ? { share: r6(e.overall.p), lo: r6(e.overall.lo), hi: r6(e.overall.hi), se: r6(e.overall.se) } : null,
    unsampled_items: e.unsampledItems,
    tasks: e.tasks.map((t) => ({ task: t.task, items: t.population, reviewed: t.reviewed, wrong: t.wrong, share: t.interval ? r6(t.interval.p) : null, lo: t.interval ? r6(t.interval.lo) : null, hi: t.interval ? r6(t.interval.hi) : null, more_for_target: t.more })),
    sample,
  };
}

/** The seed and size of a sample view's name ("Sample 400/task, seed 7"), as the review names them. */
export function sampleOfViewName(name: string): { seed: number; per_task: number } | null {
  const m = /^Sample (\d+)\/task, seed (\d+)$/.exec(name);
  return m ? { per_task: Number(m[1]), seed: Number(m[2]) } : null;
}

/**
 * From items that carry a reviewer's decision (a reviewed export): the strata, and the audit's
 * error against the decision for each decided item. An item fixed or rejected was wrong.
 */
export function reviewedStrata(items: Iterable<{ task: string; decision: unknown; auditError?: boolean }>): { strata: StratumCount[]; pairs: { auditError: boolean; rejected: boolean }[] } {
  const byTask = new Map<string, StratumCount>();
  const pairs: { auditError: boolean; rejected: boolean }[] = [];
  for (const it of items) {
    const s = byTask.get(it.task) ?? byTask.set(it.task, { task: it.task, population: 0, reviewed: 0, wrong: 0 }).get(it.task)!;
    s.population++;
    const d = it.decision;
    if (d !== 'accept' && d !== 'fix' && d !== 'reject') continue;
    s.reviewed++;
    if (d !== 'accept') s.wrong++;
    if (it.auditError !== undefined) pairs.push({ auditError: it.auditError, rejected: d !== 'accept' });
  }
  return { strata: [...byTask.values()].sort((a, b) => (a.task < b.task ? -1 : a.task > b.task ? 1 : 0)), pairs };
}
