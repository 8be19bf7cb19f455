// Seeded, stratified samples for human verification (SPAR: 400 questions per task) and the
// assignment of a sample to reviewers, with overlap for agreement. Deterministic for a seed: the same
// items, seed and plan give the same sample on any machine.

import { mulberry32 } from '../geometry/random';

// the project's one PRNG (also the test scenes'), re-exported for the sample's callers
export { mulberry32 };

/** A 32-bit seed from a number or a string (FNV-1a over the UTF-16 code units). */
export function hashSeed(seed: number | string): number {
  if (typeof seed === 'number') return seed >>> 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Partial Fisher–Yates: shuffles the first k places of `arr` in place (each k-subset equally likely,
 * in random order) and returns them. O(k). k is clamped to [0, arr.length].
 */
export function partialShuffle<T>(arr: T[], k: number, rand: () => number): T[] {
  const n = arr.length;
  const m = Math.max(0, Math.min(n, Math.floor(k)));
  for (let i = 0; i < m; i++) {
    const j = i + Math.floor(rand() * (n - i));
    const t = arr[i];
    arr[i] = arr[j];
    arr[j] = t;
  }
  return arr.slice(0, m);
}

export interface Stratum {
  key: string;
  /** Items in the stratum. */
  available: number;
  /** Items sampled from it: min(wanted, available). */
  taken: number;
}

export interface SampleResult<T> {
  /** The sampled items, in their input order. */
  items: T[];
  /** One per stratum, sorted by key. */
  strata: Stratum[];
}

/**
 * Stratified sample: `perStratum` items from each stratum (all of them when it has fewer).
 * Each stratum draws from its own PRNG seeded by (seed, stratum key), so a stratum's sample does not
 * change when other strata are added or removed; within a stratum it depends only on the stratum's
 * items in input order.
 * @param perStratum a count, or a function of the stratum key and its size (e.g. a share).
 */
export function stratifiedSample<T>(
  items: readonly T[],
  keyOf: (t: T) => string,
  perStratum: number | ((key: string, available: number) => number),
  seed: number | string,
): SampleResult<T> {
  const groups = new Map<string, number[]>();
  for (let i = 0; i < items.length; i++) {
    const k = keyOf(items[i]);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(i);
  }
  const base = hashSeed(seed);
  const chosen: number[] = [];
  const strata: Stratum[] = [];
  for (const key of [...groups.keys()].sort()) {
    const idx = groups.get(key)!;
    const want = typeof perStratum === 'number' ? perStratum : perStratum(key, idx.length);
    const rand = mulberry32(hashSeed(`${base}\u0000${key}`));
    const taken = partialShuffle(idx, want, rand);
    chosen.push(...taken);
    strata.push({ key, available: idx.length, taken: taken.length });
  }
  chosen.sort((a, b) => a - b);
  return { items: chosen.map((i) => items[i]), strata };
}

/** SPAR's plan: N questions per task (400 in the paper). */
export const samplePerTask = <T extends { task: string }>(items: readonly T[], n: number, seed: number | string): SampleResult<T> =>
  stratifiedSample(items, (t) => t.task, n, seed);

export type AssignPlan =
  /** Every item to `perItem` reviewers (default: all of them). */
  | { kind: 'all'; perItem?: number }
  /** Every item to one reviewer, and a `fraction` of them (rounded) to `raters` reviewers (default 2) for agreement. */
  | { kind: 'overlap'; fraction: number; raters?: number };

export interface Assignment {
  /** Reviewer → the ids assigned to them, in input order. */
  byReviewer: Map<string, string[]>;
  /** Item → its reviewers. */
  byItem: Map<string, string[]>;
  /** Ids given to more than one reviewer, in input order. */
  overlap: string[];
}

/**
 * Assigns ids to reviewers, balancing the load: each item goes to the reviewers with the fewest items
 * so far (ties: the order of `reviewers`, rotated so that no one always wins ties). Which items get
 * overlap is drawn with the seed. Loads differ by at most one when every item has the same number of
 * reviewers.
 */
export function assignReviewers(ids: readonly string[], reviewers: readonly string[], plan: AssignPlan, seed: number | string): Assignment {
  const R = reviewers.length;
  if (R === 0) throw new Error('assignReviewers: no reviewers to assign to.');
  if (new Set(reviewers).size !== R) throw new Error('assignReviewers: a reviewer is listed twice.');
  const n = ids.length;
  const need = new Uint8Array(n);
  if (plan.kind === 'all') {
    need.fill(clampInt(plan.perItem ?? R, 1, R));
  } else {
    if (!(plan.fraction >= 0 && plan.fraction <= 1)) throw new Error(`assignReviewers: the overlap fraction must be between 0 and 1 (got ${plan.fraction}).`);
    const raters = clampInt(plan.raters ?? 2, 1, R);
    need.fill(1);
    const order = Array.from({ length: n }, (_, i) => i);
    const pick = partialShuffle(order, Math.round(plan.fraction * n), mulberry32(hashSeed(`${hashSeed(seed)}\u0000overlap`)));
    for (const i of pick) need[i] = raters;
  }
  // Visit items in a seeded order so that balancing does not favour the start of the list.
  const visit = Array.from({ length: n }, (_, i) => i);
  partialShuffle(visit, n, mulberry32(hashSeed(`${hashSeed(seed)}\u0000visit`)));
  const load = new Array<number>(R).fill(0);
  const per: number[][] = reviewers.map(() => []);
  const byItemIdx: number[][] = new Array(n);
  const rs = Array.from({ length: R }, (_, i) => i);
  let rot = 0;
  for (const i of visit) {
    const k = need[i];
    // Least loaded first; ties by rotated reviewer order.
    const r0 = rot;
    rs.sort((a, b) => load[a] - load[b] || ((a - r0 + R) % R) - ((b - r0 + R) % R));
    const got = rs.slice(0, k);
    for (const r of got) {
      load[r]++;
      per[r].push(i);
    }
    byItemIdx[i] = got.sort((a, b) => a - b);
    rot = (rot + 1) % R;
  }
  const byReviewer = new Map(reviewers.map((name, r) => [name, per[r].sort((a, b) => a - b).map((i) => ids[i])]));
  const byItem = new Map<string, string[]>();
  const overlap: string[] = [];
  for (let i = 0; i < n; i++) {
    byItem.set(
      ids[i],
      byItemIdx[i].map((r) => reviewers[r]),
    );
    if (byItemIdx[i].length > 1) overlap.push(ids[i]);
  }
  return { byReviewer, byItem, overlap };
}

const clampInt = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Math.floor(v)));
