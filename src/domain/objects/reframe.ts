import type { SceneObject } from '../scene/scene';
import { type Mat3, type Vec3, mat3Mul, mat3MulVec, mat3Transpose, mat4ToRigid } from '../geometry/linalg';
import type { Mat4 } from '../geometry/linalg';

/**
 * Objects from another scene file's world frame into ours. Both frames are gravity-aligned, so
 * they differ by a rotation about z and a translation: P' = R' Rᵀ (P − T) + T'; the box centre
 * moves with it and its yaw turns by the same angle about z.
 */
export function reframeObjects(objects: SceneObject[], from: Mat4, to: { R: Mat3; T: Vec3 }): SceneObject[] {
  const { R, T } = mat4ToRigid(from);
  const M = mat3Mul(to.R, mat3Transpose(R));
  const turn = Math.atan2(M[3], M[0]);
  return objects.map((o) => {
    if (!o.box3d) return o;
    const c = mat3MulVec(M, [o.box3d.center[0] - T[0], o.box3d.center[1] - T[1], o.box3d.center[2] - T[2]]);
    return { ...o, box3d: { ...o.box3d, center: [c[0] + to.T[0], c[1] + to.T[1], c[2] + to.T[2]], yaw: o.box3d.yaw + turn } };
  });
}
