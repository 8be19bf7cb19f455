// Agreement between reviewers on nominal categories (accept / fix / reject, or any labels).
//
// Undefined values are returned as `null`, never NaN: a coefficient is undefined when the expected
// disagreement is zero, i.e. every rating (of the pairable ones) is the same single category (there
// is no variation to agree about), or when there is nothing to compare (no item rated by two raters).
// Perfect agreement with at least two categories in use gives exactly 1.

/** A rating: a category, or null / undefined when the rater did not rate the item. */
export type Rating = string | number | null | undefined;

const present = (v: Rating): v is string | number => v !== null && v !== undefined && !(typeof v === 'number' && Number.isNaN(v));

export interface KappaResult {
  kappa: number | null;
  /** Items rated by both raters (the ones compared). */
  n: number;
  /** Observed agreement p_o. */
  observed: number | null;
  /** Agreement expected by chance from the two raters' own marginals, p_e. */
  expected: number | null;
}

/**
 * Cohen's kappa for two raters on nominal categories: κ = (p_o − p_e) / (1 − p_e), where p_o is
 * the share of items both rated the same and p_e = Σ_c p_A(c) · p_B(c). Items that either rater left
 * unrated are skipped. `a[i]` and `b[i]` are the two ratings of item i.
 * Null when no item was rated by both, or p_e = 1 (both used one and the same category only).
 */
export function cohenKappa(a: readonly Rating[], b: readonly Rating[]): KappaResult {
  if (a.length !== b.length) throw new Error(`cohenKappa: the two rating lists differ in length (${a.length} and ${b.length}).`);
  const ca = new Map<string | number, number>();
  const cb = new Map<string | number, number>();
  let n = 0;
  let agree = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (!present(x) || !present(y)) continue;
    n++;
    if (x === y) agree++;
    ca.set(x, (ca.get(x) ?? 0) + 1);
    cb.set(y, (cb.get(y) ?? 0) + 1);
  }
  if (n === 0) return { kappa: null, n: 0, observed: null, expected: null };
  const po = agree / n;
  let pe = 0;
  for (const [c, k] of ca) pe += (k / n) * ((cb.get(c) ?? 0) / n);
  // p_e = 1 exactly only when both raters used one single, common category; allow for rounding.
  if (pe > 1 - 1e-12) return { kappa: null, n, observed: po, expected: pe };
  return { kappa: (po - pe) / (1 - pe), n, observed: po, expected: pe };
}

export interface AlphaResult {
  alpha: number | null;
  /** Pairable values: ratings in units with at least two ratings (n in Krippendorff's notation). */
  n: number;
  /** Units with at least two ratings (the others are not pairable and do not count). */
  units: number;
  /** Observed disagreement D_o. */
  observed: number | null;
  /** Expected disagreement D_e. */
  expected: number | null;
  /** n_c: pairable values per category. */
  byCategory: Map<string | number, number>;
}

/**
 * Krippendorff's alpha for nominal data, any number of raters, missing ratings allowed
 * (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability", §A–C):
 * each unit u with m_u ≥ 2 ratings adds 1/(m_u − 1) to the coincidence o_ck for every ordered pair
 * of its ratings (c, k) from different raters; n_c = Σ_k o_ck, n = Σ_c n_c;
 * D_o = (1/n) Σ_{c≠k} o_ck, D_e = (1/(n(n−1))) Σ_{c≠k} n_c n_k, α = 1 − D_o / D_e.
 * Each entry of `units` is one unit's ratings (one per rater; null / undefined for missing).
 * Null when fewer than two pairable values exist or D_e = 0 (a single category).
 */
export function krippendorffAlpha(units: Iterable<readonly Rating[]>): AlphaResult {
  const nc = new Map<string | number, number>();
  let n = 0;
  let offDiag = 0; // Σ_{c≠k} o_ck
  let used = 0;
  const counts = new Map<string | number, number>();
  for (const unit of units) {
    counts.clear();
    let m = 0;
    for (const v of unit) {
      if (!present(v)) continue;
      m++;
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    if (m < 2) continue;
    used++;
    n += m;
    // Ordered pairs of distinct raters with different values: Σ_c n_uc (m − n_uc), weight 1/(m−1).
    let pairsDiff = 0;
    for (const [c, k] of counts) {
      pairsDiff += k * (m - k);
      nc.set(c, (nc.get(c) ?? 0) + k);
    }
    offDiag += pairsDiff / (m - 1);
  }
  if (n < 2) return { alpha: null, n, units: used, observed: null, expected: null, byCategory: nc };
  let sumSq = 0;
  for (const k of nc.values()) sumSq += k * k;
  const Do = offDiag / n;
  const De = (n * n - sumSq) / (n * (n - 1));
  if (De <= 0) return { alpha: null, n, units: used, observed: Do, expected: De, byCategory: nc };
  return { alpha: 1 - Do / De, n, units: used, observed: Do, expected: De, byCategory: nc };
}
