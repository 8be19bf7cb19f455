// MoGe's point-map post-processing (the part of its `infer()` that its ONNX export leaves out):
// the network predicts an affine-invariant point map whose z is off by an unknown shift; the focal
// and the shift are recovered by least squares against MoGe's normalised view-plane coordinates.

/** MoGe's normalised view-plane coordinate of pixel centre i along an axis of n pixels. */
export function viewPlaneCoord(i: number, n: number, span: number): number {
  return (span * (2 * i - (n - 1))) / n;
}

export const viewPlaneSpans = (width: number, height: number) => {
  const a = width / height;
  return { x: a / Math.sqrt(1 + a * a), y: 1 / Math.sqrt(1 + a * a) };
};

export interface FocalShift {
  /** Focal length relative to half the image diagonal. */
  focal: number;
  shift: number;
}

/**
 * Solve min Σ |f · xy / (z + t) − uv|² over a regular grid of up to 64×64 valid pixels: for a
 * fixed shift t the best focal has a closed form, so only t is searched (coarse scan, then golden
 * section). With `focal` given (e.g. from EXIF), only the shift is solved, as MoGe does with fov_x.
 */
export function recoverFocalShift(points: Float32Array, mask: Uint8Array | null, width: number, height: number, focal?: number): FocalShift {
  const spans = viewPlaneSpans(width, height);
  const gx = Math.min(64, width), gy = Math.min(64, height);
  const xs: number[] = [], ys: number[] = [], zs: number[] = [], us: number[] = [], vs: number[] = [];
  for (let j = 0; j < gy; j++) {
    const py = Math.floor(((j + 0.5) * height) / gy);
    for (let i = 0; i < gx; i++) {
      const px = Math.floor(((i + 0.5) * width) / gx);
      const p = py * width + px;
      if (mask && !mask[p]) continue;
      const x = points[p * 3], y = points[p * 3 + 1], z = points[p * 3 + 2];
      if (!Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(z)) continue;
      xs.push(x);
      ys.push(y);
      zs.push(z);
      us.push(viewPlaneCoord(px, width, spans.x));
      vs.push(viewPlaneCoord(py, height, spans.y));
    }
  }
  if (xs.length < 2) return { focal: focal ?? 1, shift: 0 };
  const zMin = Math.min(...zs), zMax = Math.max(...zs);

  const evaluate = (t: number): { cost: number; f: number } => {
    let sxu = 0, sxx = 0;
    for (let k = 0; k < xs.length; k++) {
      const inv = 1 / (zs[k] + t);
      const px = xs[k] * inv, py = ys[k] * inv;
      sxu += px * us[k] + py * vs[k];
      sxx += px * px + py * py;
    }
    const f = focal ?? sxu / sxx;
    let cost = 0;
    for (let k = 0; k < xs.length; k++) {
      const inv = 1 / (zs[k] + t);
      const ex = f * xs[k] * inv - us[k], ey = f * ys[k] * inv - vs[k];
      cost += ex * ex + ey * ey;
    }
    return { cost: Number.isFinite(cost) ? cost : Infinity, f };
  };

  // Every z + t must stay positive; search t in (−zMin, far], coarse then fine.
  const lo = -zMin + 1e-4 * Math.max(1, Math.abs(zMin));
  const hi = Math.max(10 * (zMax - zMin), 10 * Math.abs(zMax), 1) + Math.abs(lo);
  let bestT = 0, bestCost = Infinity;
  const N = 200;
  for (let k = 0; k <= N; k++) {
    // denser near the lower bound, where the cost changes fastest
    const t = lo + (hi - lo) * Math.pow(k / N, 3);
    const c = evaluate(t).cost;
    if (c < bestCost) {
      bestCost = c;
      bestT = t;
    }
  }
  const stepAt = (k: number) => lo + (hi - lo) * Math.pow(k / N, 3);
  const kBest = Math.round(Math.cbrt((bestT - lo) / (hi - lo)) * N);
  let a = stepAt(Math.max(0, kBest - 1)), b = stepAt(Math.min(N, kBest + 1));
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a), d = a + g * (b - a);
  let fc = evaluate(c).cost, fd = evaluate(d).cost;
  for (let it = 0; it < 80; it++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = evaluate(c).cost;
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = evaluate(d).cost;
    }
  }
  const shift = (a + b) / 2;
  return { focal: evaluate(shift).f, shift };
}

/** Pixel focal lengths (fx = fy) from MoGe's focal relative to the half diagonal. */
export const focalPixels = (focal: number, width: number, height: number): number => (focal * Math.hypot(width, height)) / 2;
