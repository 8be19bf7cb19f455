/**
 * Turbo colour map (Google, Apache-2.0) as its published polynomial fit: perceptually ordered
 * and readable on dark backgrounds. t in [0, 1] → RGB bytes written at out[o..o+2].
 */
export function turbo(t: number, out: Uint8Array | Uint8ClampedArray, o: number): void {
  const x = t < 0 ? 0 : t > 1 ? 1 : t;
  const x2 = x * x, x3 = x2 * x, x4 = x3 * x, x5 = x4 * x;
  const r = 0.13572138 + 4.6153926 * x - 42.66032258 * x2 + 132.13108234 * x3 - 152.94239396 * x4 + 59.28637943 * x5;
  const g = 0.09140261 + 2.19418839 * x + 4.84296658 * x2 - 14.18503333 * x3 + 4.27729857 * x4 + 2.82956604 * x5;
  const b = 0.1066733 + 12.64194608 * x - 60.58204836 * x2 + 110.36276771 * x3 - 89.90310912 * x4 + 27.34824973 * x5;
  out[o] = Math.round(255 * Math.min(1, Math.max(0, r)));
  out[o + 1] = Math.round(255 * Math.min(1, Math.max(0, g)));
  out[o + 2] = Math.round(255 * Math.min(1, Math.max(0, b)));
}

/** Colours for a scalar per point, mapped through turbo between lo and hi. */
export function colourByScalar(values: Float32Array, lo: number, hi: number): Uint8Array {
  const out = new Uint8Array(values.length * 3);
  const span = hi > lo ? hi - lo : 1;
  for (let i = 0; i < values.length; i++) turbo((values[i] - lo) / span, out, i * 3);
  return out;
}
