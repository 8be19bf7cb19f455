/** In-place quickselect: after the call, a[k] holds the k-th smallest value. */
function select(a: Float32Array | Float64Array, k: number): number {
  let lo = 0, hi = a.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // median of three as pivot keeps sorted input from going quadratic
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[mid] < a[hi]) swap(a, mid, hi);
    const pivot = a[hi];
    let i = lo, j = hi - 1;
    for (;;) {
      while (a[i] < pivot) i++;
      while (j > lo && a[j] > pivot) j--;
      if (i >= j) break;
      swap(a, i, j);
      i++;
      j--;
    }
    swap(a, i, hi);
    if (i === k) return a[i];
    if (i < k) lo = i + 1;
    else hi = i - 1;
  }
  return a[k];
}

function swap(a: Float32Array | Float64Array, i: number, j: number) {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/** q-quantile (0…1, nearest rank) of the values; the input is not modified. */
export function quantile(values: ArrayLike<number>, q: number): number {
  if (values.length === 0) return NaN;
  const copy = Float64Array.from(values as ArrayLike<number>);
  const k = Math.min(copy.length - 1, Math.max(0, Math.round(q * (copy.length - 1))));
  return select(copy, k);
}

/** Same as quantile but reorders the given scratch array instead of copying. */
export function quantileInPlace(scratch: Float32Array | Float64Array, q: number): number {
  if (scratch.length === 0) return NaN;
  const k = Math.min(scratch.length - 1, Math.max(0, Math.round(q * (scratch.length - 1))));
  return select(scratch, k);
}

export const median = (values: ArrayLike<number>): number => quantile(values, 0.5);
