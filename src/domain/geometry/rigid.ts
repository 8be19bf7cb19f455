// Rigid transforms as row-major 4×4 arrays (rotation and translation, metres): how posed cameras
// of one scene are related. A camera-to-world pose P takes camera points to the world; image k's
// points reach camera 0's frame by P0⁻¹ · Pk.

export type Vec3 = [number, number, number];

/** M·p for a row-major 4×4 rigid M. */
export function applyRigid(m: ArrayLike<number>, p: ArrayLike<number>): Vec3 {
  return [
    m[0] * p[0] + m[1] * p[1] + m[2] * p[2] + m[3],
    m[4] * p[0] + m[5] * p[1] + m[6] * p[2] + m[7],
    m[8] * p[0] + m[9] * p[1] + m[10] * p[2] + m[11],
  ];
}

/** The inverse of a rigid transform: [Rᵀ, −Rᵀt]. */
export function invertRigid(m: ArrayLike<number>): number[] {
  const t = [m[3], m[7], m[11]];
  const out = [m[0], m[4], m[8], 0, m[1], m[5], m[9], 0, m[2], m[6], m[10], 0, 0, 0, 0, 1];
  for (let i = 0; i < 3; i++) out[i * 4 + 3] = -(out[i * 4] * t[0] + out[i * 4 + 1] * t[1] + out[i * 4 + 2] * t[2]);
  return out;
}

/** a·b, both row-major 4×4. */
export function composeRigid(a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  const out = new Array<number>(16).fill(0);
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) for (let k = 0; k < 4; k++) out[i * 4 + j] += a[i * 4 + k] * b[k * 4 + j];
  return out;
}

/** The transform taking camera k's points into camera 0's frame, from both camera-to-world poses. */
export const cameraToFirst = (pose: ArrayLike<number>, pose0: ArrayLike<number>): number[] => composeRigid(invertRigid(pose0), pose);
