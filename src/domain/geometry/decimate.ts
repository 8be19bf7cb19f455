import { mulberry32 } from './random';

/**
 * Indices of at most `budget` of `count` points, spread evenly (one random pick per stratum) so
 * the preview keeps the cloud's look while the full cloud stays available for export.
 */
export function decimationIndices(count: number, budget: number, seed = 7): Uint32Array {
  if (count <= budget) {
    const all = new Uint32Array(count);
    for (let i = 0; i < count; i++) all[i] = i;
    return all;
  }
  const rand = mulberry32(seed);
  const out = new Uint32Array(budget);
  const step = count / budget;
  for (let k = 0; k < budget; k++) {
    // integer strata [lo, hi] never overlap, so no index is picked twice
    const lo = Math.ceil(k * step), hi = Math.min(count, Math.ceil((k + 1) * step)) - 1;
    out[k] = lo + Math.floor(rand() * (hi - lo + 1));
  }
  return out;
}
