// Small fixed-size linear algebra on plain arrays. Row-major 3x3 matrices (length 9).
export type Vec3 = [number, number, number];
export type Mat3 = number[]; // length 9, row-major
export type Mat4 = number[][]; // 4 rows of 4, row-major (as in the scene file)

export const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
export const cross = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];
export const norm = (a: Vec3): number => Math.hypot(a[0], a[1], a[2]);
export const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
export const add3 = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
export const scale = (a: Vec3, s: number): Vec3 => [a[0] * s, a[1] * s, a[2] * s];
export function normalize(a: Vec3): Vec3 {
  const n = norm(a);
  if (!(n > 0)) throw new Error('cannot normalise a zero vector');
  return [a[0] / n, a[1] / n, a[2] / n];
}

export function mat3MulVec(m: Mat3, v: Vec3): Vec3 {
  return [
    m[0] * v[0] + m[1] * v[1] + m[2] * v[2],
    m[3] * v[0] + m[4] * v[1] + m[5] * v[2],
    m[6] * v[0] + m[7] * v[1] + m[8] * v[2],
  ];
}

export function mat3Mul(a: Mat3, b: Mat3): Mat3 {
  const out = new Array<number>(9);
  for (let r = 0; r < 3; r++)
    for (let c = 0; c < 3; c++)
      out[r * 3 + c] = a[r * 3] * b[c] + a[r * 3 + 1] * b[3 + c] + a[r * 3 + 2] * b[6 + c];
  return out;
}

export const mat3Transpose = (m: Mat3): Mat3 => [m[0], m[3], m[6], m[1], m[4], m[7], m[2], m[5], m[8]];

/** Matrix whose columns are a, b, c. */
export const mat3FromColumns = (a: Vec3, b: Vec3, c: Vec3): Mat3 => [a[0], b[0], c[0], a[1], b[1], c[1], a[2], b[2], c[2]];

export const mat3Column = (m: Mat3, c: number): Vec3 => [m[c], m[3 + c], m[6 + c]];

/** Rigid 4x4 (row-major, as stored in scene files) from rotation and translation. */
export function rigidToMat4(R: Mat3, T: Vec3): Mat4 {
  return [
    [R[0], R[1], R[2], T[0]],
    [R[3], R[4], R[5], T[1]],
    [R[6], R[7], R[8], T[2]],
    [0, 0, 0, 1],
  ];
}

export function mat4ToRigid(M: Mat4): { R: Mat3; T: Vec3 } {
  return {
    R: [M[0][0], M[0][1], M[0][2], M[1][0], M[1][1], M[1][2], M[2][0], M[2][1], M[2][2]],
    T: [M[0][3], M[1][3], M[2][3]],
  };
}

/** Apply P' = R·P + T to packed xyz triples in place. */
export function transformPointsInPlace(xyz: Float32Array, count: number, R: Mat3, T: Vec3): void {
  const [r0, r1, r2, r3, r4, r5, r6, r7, r8] = R;
  const [t0, t1, t2] = T;
  for (let i = 0, o = 0; i < count; i++, o += 3) {
    const x = xyz[o], y = xyz[o + 1], z = xyz[o + 2];
    xyz[o] = r0 * x + r1 * y + r2 * z + t0;
    xyz[o + 1] = r3 * x + r4 * y + r5 * z + t1;
    xyz[o + 2] = r6 * x + r7 * y + r8 * z + t2;
  }
}

/**
 * Eigen-decomposition of a symmetric 3x3 matrix by cyclic Jacobi rotations.
 * Returns eigenvalues ascending with matching unit eigenvectors.
 */
export function symmetricEigen3(m: Mat3): { values: Vec3; vectors: [Vec3, Vec3, Vec3] } {
  const a = m.slice();
  const v = [1, 0, 0, 0, 1, 0, 0, 0, 1];
  for (let sweep = 0; sweep < 50; sweep++) {
    const off = Math.abs(a[1]) + Math.abs(a[2]) + Math.abs(a[5]);
    if (off < 1e-15 * (Math.abs(a[0]) + Math.abs(a[4]) + Math.abs(a[8]) + 1e-300)) break;
    for (const [p, q] of [[0, 1], [0, 2], [1, 2]] as const) {
      const apq = a[p * 3 + q];
      if (apq === 0) continue;
      const app = a[p * 3 + p], aqq = a[q * 3 + q];
      const theta = (aqq - app) / (2 * apq);
      const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const c = 1 / Math.sqrt(t * t + 1), s = t * c;
      for (let k = 0; k < 3; k++) {
        const akp = a[k * 3 + p], akq = a[k * 3 + q];
        a[k * 3 + p] = c * akp - s * akq;
        a[k * 3 + q] = s * akp + c * akq;
      }
      for (let k = 0; k < 3; k++) {
        const apk = a[p * 3 + k], aqk = a[q * 3 + k];
        a[p * 3 + k] = c * apk - s * aqk;
        a[q * 3 + k] = s * apk + c * aqk;
      }
      for (let k = 0; k < 3; k++) {
        const vkp = v[k * 3 + p], vkq = v[k * 3 + q];
        v[k * 3 + p] = c * vkp - s * vkq;
        v[k * 3 + q] = s * vkp + c * vkq;
      }
    }
  }
  const order = [0, 1, 2].sort((i, j) => a[i * 4] - a[j * 4]);
  const values = order.map((i) => a[i * 4]) as Vec3;
  const vectors = order.map((i) => [v[i], v[3 + i], v[6 + i]] as Vec3) as [Vec3, Vec3, Vec3];
  return { values, vectors };
}
