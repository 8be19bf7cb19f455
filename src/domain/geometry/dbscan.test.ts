import { describe, expect, it } from 'vitest';
import { dbscan, depthScaledEps, largestCluster } from './dbscan';
import { mulberry32 } from './random';

const pack = (pts: number[][]) => Float32Array.from(pts.flat());

/** Textbook O(n²) DBSCAN over the same float32 values, seeds in input order, breadth-first. */
function reference(xyz: Float32Array, n: number, eps: number, minPts: number) {
  const near = (i: number, j: number) => {
    const dx = xyz[i * 3] - xyz[j * 3], dy = xyz[i * 3 + 1] - xyz[j * 3 + 1], dz = xyz[i * 3 + 2] - xyz[j * 3 + 2];
    return dx * dx + dy * dy + dz * dz <= eps * eps;
  };
  const neighbours = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => j).filter((j) => near(i, j)));
  const core = neighbours.map((nb) => nb.length >= minPts);
  const label = new Array<number>(n).fill(-1);
  let id = 0;
  for (let i = 0; i < n; i++) {
    if (!core[i] || label[i] >= 0) continue;
    const queue = [i];
    label[i] = id;
    while (queue.length) {
      const p = queue.shift()!;
      for (const q of neighbours[p]) {
        if (label[q] >= 0) continue;
        label[q] = id;
        if (core[q]) queue.push(q);
      }
    }
    id++;
  }
  return { core, label, neighbours };
}

describe('dbscan', () => {
  it('separates two blobs and leaves isolated points as noise', () => {
    const xyz = pack([
      [0, 0, 0], [0.1, 0, 0], [0, 0.1, 0], [0, 0, 0.1], [0.1, 0.1, 0.1], // blob around the origin
      [10, 9, 0], // noise
      [5, 0, 0], [5.1, 0, 0], [5, 0.1, 0], [5, 0, 0.1], [5.1, 0.1, 0.1], // blob around x = 5
      [-5, 3, 0], // noise
    ]);
    expect(Array.from(dbscan(xyz, 12, 0.5, 3))).toEqual([0, 0, 0, 0, 0, -1, 1, 1, 1, 1, 1, -1]);
  });

  it('numbers clusters by their first core point in the input', () => {
    const xyz = pack([[5, 0, 0], [0, 0, 0], [5.1, 0, 0], [0.1, 0, 0]]);
    expect(Array.from(dbscan(xyz, 4, 0.5, 2))).toEqual([0, 1, 0, 1]);
  });

  it('grows a chain through core points, its ends joining as border points', () => {
    // 0.4 apart, eps 0.5: inner points see self + 2 neighbours (core at minPts 3), the ends see 2
    const pts = Array.from({ length: 11 }, (_, k) => [0.4 * k, 2, 1]);
    const labels = dbscan(pack(pts), 11, 0.5, 3);
    expect(Array.from(labels)).toEqual(new Array(11).fill(0));
    // one link missing (0.4 → 1.2): two chains
    const broken = pts.map(([x, y, z], k) => [k >= 5 ? x + 0.8 : x, y, z]);
    expect(Array.from(dbscan(pack(broken), 11, 0.5, 3))).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
  });

  it('lets a border point join but not a point that only reaches a border point', () => {
    // four core points (all within 0.15 of each other; minPts 4 counting themselves)
    const xyz = pack([
      [0, 0, 0], [0.1, 0, 0], [0, 0.1, 0], [0.1, 0.1, 0],
      [0.28, 0, 0], // 0.18 from (0.1, 0, 0), > 0.2 from the others: border
      [0.45, 0, 0], // 0.17 from the border point only: noise
    ]);
    expect(Array.from(dbscan(xyz, 6, 0.2, 4))).toEqual([0, 0, 0, 0, 0, -1]);
  });

  it('counts a point at exactly eps as a neighbour', () => {
    const xyz = pack([[0, 0, 0], [0.5, 0, 0]]);
    expect(Array.from(dbscan(xyz, 2, 0.5, 2))).toEqual([0, 0]);
    expect(Array.from(dbscan(xyz, 2, 0.49, 2))).toEqual([-1, -1]);
  });

  it('makes every point its own cluster at minPts 1, and ignores non-finite points and trailing values', () => {
    const xyz = pack([[0, 0, 0], [NaN, 0, 0], [3, 0, 0], [0, Infinity, 0], [99, 99, 99]]);
    expect(Array.from(dbscan(xyz, 4, 1, 1))).toEqual([0, -1, 1, -1]);
    expect(dbscan(new Float32Array(0), 0, 1, 3).length).toBe(0);
    expect(() => dbscan(xyz, 4, 0, 3)).toThrow(RangeError);
    expect(() => dbscan(xyz, 6, 1, 3)).toThrow(RangeError);
  });

  it('agrees with a brute-force DBSCAN on random points', () => {
    const rand = mulberry32(11);
    for (const [n, eps, minPts] of [[600, 0.08, 4], [400, 0.15, 6], [300, 0.05, 2]] as const) {
      // clumps plus scatter, so there are cores, borders and noise
      const pts: number[][] = [];
      for (let k = 0; k < n; k++) {
        const c = k % 5;
        const spread = c === 4 ? 1 : 0.12;
        pts.push([c * 0.3 + (rand() - 0.5) * spread, (rand() - 0.5) * spread, (rand() - 0.5) * spread]);
      }
      const xyz = pack(pts);
      const got = dbscan(xyz, n, eps, minPts);
      const ref = reference(xyz, n, eps, minPts);
      for (let i = 0; i < n; i++) {
        if (ref.core[i]) expect(got[i]).toBe(ref.label[i]);
        else {
          // a border point may go to any cluster with a core point in reach
          const reach = ref.neighbours[i].filter((j) => ref.core[j]).map((j) => ref.label[j]);
          if (reach.length) expect(reach).toContain(got[i]);
          else expect(got[i]).toBe(-1);
        }
      }
    }
  });

  it('stays exact when a far outlier makes the grid too large for direct keys', () => {
    const pts = [[0, 0, 0], [0.01, 0, 0], [0, 0.01, 0], [1e7, 1e7, 1e7], [1e7, 1e7 + 0.5, 1e7], [-3e6, 5e6, -8e6]];
    expect(Array.from(dbscan(pack(pts), 6, 0.02, 2))).toEqual([0, 0, 0, 1, 1, -1]);
  });

  it('clusters 50,000 points quickly', () => {
    // five hollow spheres (r = 0.3 m: object surfaces, ~1.2 cm apart) with 3 mm noise, 2 % scatter
    const rand = mulberry32(5);
    const n = 50_000;
    const xyz = new Float32Array(n * 3);
    const scatter = 1000;
    for (let k = 0; k < n; k++) {
      if (k < scatter) {
        xyz.set([rand() * 4 - 2, rand() * 4 - 2, rand() * 2], k * 3);
        continue;
      }
      const c = k % 5;
      let x = 0, y = 0, z = 0, r = 0;
      do {
        x = rand() * 2 - 1;
        y = rand() * 2 - 1;
        z = rand() * 2 - 1;
        r = Math.hypot(x, y, z);
      } while (r > 1 || r < 0.1);
      const radius = 0.3 + (rand() - 0.5) * 0.006;
      xyz.set([-1.5 + 0.75 * c + (x / r) * radius, (y / r) * radius, 1 + (z / r) * radius], k * 3);
    }
    // warm the JIT up on a sparser sample of the same scene, as the app's many small calls would
    const sample = new Float32Array(3 * Math.floor(n / 7));
    for (let k = 0; k < sample.length / 3; k++) sample.set(xyz.subarray(21 * k, 21 * k + 3), 3 * k);
    dbscan(sample, sample.length / 3, 0.06, 10);
    const t0 = performance.now();
    const labels = dbscan(xyz, n, 0.03, 10);
    const ms = performance.now() - t0;
    console.log(`dbscan: ${n} points in ${ms.toFixed(1)} ms`);
    expect(ms).toBeLessThanOrEqual(250);
    let clusters = 0, clustered = 0;
    for (let k = 0; k < n; k++) if (labels[k] >= 0) {
      clusters = Math.max(clusters, labels[k] + 1);
      clustered++;
    }
    expect(clusters).toBe(5);
    // every sphere point is in its sphere's cluster; scatter points landing on a sphere may join it
    expect(clustered).toBeGreaterThanOrEqual(n - scatter);
    let strays = 0;
    for (let k = scatter; k < n; k++) if (labels[k] !== labels[scatter + (k % 5)]) strays++;
    expect(strays).toBe(0);
  });
});

describe('largestCluster', () => {
  it('returns the biggest cluster, its indices and its share of all points', () => {
    const r = largestCluster(Int32Array.from([1, 0, 1, -1, 1, 0, -1, 2]));
    expect(r.label).toBe(1);
    expect(Array.from(r.indices)).toEqual([0, 2, 4]);
    expect(r.share).toBeCloseTo(3 / 8, 12);
  });
  it('prefers the lower label on a tie and reports nothing when all is noise', () => {
    expect(largestCluster(Int32Array.from([1, 0, 1, 0])).label).toBe(0);
    const none = largestCluster(Int32Array.from([-1, -1]));
    expect(none).toEqual({ label: -1, indices: new Uint32Array(0), share: 0 });
    expect(largestCluster(new Int32Array(0)).label).toBe(-1);
  });
});

describe('depthScaledEps', () => {
  it('grows with the median distance from the camera', () => {
    // distances 1, 3, 3, 4 and one far point at 50: median (nearest rank) 3 → 0.02 + 0.03
    const xyz = pack([[1, 0, 1.5], [0, 3, 1.5], [0, -3, 1.5], [0, 0, 5.5], [50, 0, 1.5]]);
    expect(depthScaledEps(xyz, 5, [0, 0, 1.5])).toBeCloseTo(0.05, 6);
    expect(depthScaledEps(xyz, 5, [0, 0, 1.5], 0.01, 0.02)).toBeCloseTo(0.07, 6);
    expect(depthScaledEps(new Float32Array(0), 0, [0, 0, 0])).toBe(0.02);
  });
});
