import type { Intrinsics } from './camera';
import type { Mat3, Vec3 } from './linalg';

/**
 * The camera's viewing pyramid in the world: its centre and the four image corners (top-left,
 * top-right, bottom-right, bottom-left, pixel-edge coordinates) at depth `d` along the optical axis.
 */
export function frustumCorners(K: Intrinsics, width: number, height: number, R: Mat3, T: Vec3, d: number): { centre: Vec3; corners: [Vec3, Vec3, Vec3, Vec3] } {
  const toWorld = (u: number, v: number): Vec3 => {
    const x = ((u - K.cx) / K.fx) * d, y = ((v - K.cy) / K.fy) * d, z = d;
    return [R[0] * x + R[1] * y + R[2] * z + T[0], R[3] * x + R[4] * y + R[5] * z + T[1], R[6] * x + R[7] * y + R[8] * z + T[2]];
  };
  const l = -0.5, t = -0.5, r = width - 0.5, b = height - 0.5;
  return { centre: [T[0], T[1], T[2]], corners: [toWorld(l, t), toWorld(r, t), toWorld(r, b), toWorld(l, b)] };
}
