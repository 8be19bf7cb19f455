// Analytic depth maps rendered by ray casting, used as ground truth by several tests and benches.
import type { Intrinsics } from '../domain/geometry/camera';
import { type Attitude, rotationFromAttitude } from '../domain/geometry/gravity';
import { mulberry32 } from '../domain/geometry/random';

export interface AnalyticBox {
  min: [number, number, number];
  max: [number, number, number];
}

/**
 * Depth (z in the camera frame) of a floor z = 0 plus axis-aligned boxes, seen by a camera at
 * height h with the given attitude. Rays that hit nothing within 50 m get depth 0.
 */
export function renderFloorScene(
  width: number,
  height: number,
  K: Intrinsics,
  attitude: Attitude,
  cameraHeight: number,
  boxes: AnalyticBox[] = [],
  noise = 0,
  seed = 3,
): Float32Array {
  const R = rotationFromAttitude(attitude);
  const rand = mulberry32(seed);
  const depth = new Float32Array(width * height);
  const o = [0, 0, cameraHeight];
  for (let v = 0; v < height; v++) {
    for (let u = 0; u < width; u++) {
      const dc = [(u - K.cx) / K.fx, (v - K.cy) / K.fy, 1]; // z-component 1: t is the depth
      const dw = [
        R[0] * dc[0] + R[1] * dc[1] + R[2] * dc[2],
        R[3] * dc[0] + R[4] * dc[1] + R[5] * dc[2],
        R[6] * dc[0] + R[7] * dc[1] + R[8] * dc[2],
      ];
      let t = dw[2] < -1e-9 ? -o[2] / dw[2] : Infinity;
      for (const b of boxes) {
        let t0 = -Infinity, t1 = Infinity;
        for (let a = 0; a < 3; a++) {
          if (Math.abs(dw[a]) < 1e-12) {
            if (o[a] < b.min[a] || o[a] > b.max[a]) { t0 = Infinity; break; }
            continue;
          }
          let ta = (b.min[a] - o[a]) / dw[a], tb = (b.max[a] - o[a]) / dw[a];
          if (ta > tb) [ta, tb] = [tb, ta];
          t0 = Math.max(t0, ta);
          t1 = Math.min(t1, tb);
        }
        if (t0 <= t1 && t0 > 0 && t0 < t) t = t0;
      }
      const gauss = noise ? noise * Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand()) : 0;
      depth[v * width + u] = t < 50 ? t + gauss : 0;
    }
  }
  return depth;
}
