import { type Mat3, type Vec3, mat3FromColumns, normalize } from './linalg';
import type { Plane } from './planefit';

/**
 * Camera attitude relative to gravity, radians. pitch > 0: the camera looks down; roll > 0: the
 * camera is turned clockwise about its optical axis as seen from behind it (its right side goes
 * down). Yaw is free; the world frame is chosen so the optical axis points along +y.
 */
export interface Attitude {
  roll: number;
  pitch: number;
}

/**
 * worldFromCamera rotation (P_world = R · P_cam) for an attitude. Its columns are the camera's
 * right, down and forward axes in the z-up world.
 */
export function rotationFromAttitude({ roll, pitch }: Attitude): Mat3 {
  const cr = Math.cos(roll), sr = Math.sin(roll), cp = Math.cos(pitch), sp = Math.sin(pitch);
  const forward: Vec3 = [0, cp, -sp];
  const right: Vec3 = [cr, -sr * sp, -sr * cp];
  const down: Vec3 = [-sr, -cr * sp, -cr * cp];
  return mat3FromColumns(right, down, forward);
}

/**
 * Attitude from the up direction (world +z) expressed in camera coordinates. That vector is the
 * third row of R, (−sin r·cos p, −cos r·cos p, −sin p).
 */
export function attitudeFromUp(upCam: Vec3): Attitude {
  const [x, y, z] = normalize(upCam);
  return { pitch: Math.asin(Math.max(-1, Math.min(1, -z))), roll: Math.atan2(-x, -y) };
}

export const attitudeFromRotation = (R: Mat3): Attitude => attitudeFromUp([R[6], R[7], R[8]]);

export interface GravityFrame {
  R: Mat3;
  T: Vec3;
  attitude: Attitude;
  /** Camera height above the support plane, metres (0 when none). */
  height: number;
}

/** Frame that makes the support plane z = 0 with the camera above it at (0, 0, height). */
export function gravityFromPlane(plane: Plane): GravityFrame {
  const attitude = attitudeFromUp(plane.normal);
  return frameFromAttitude(attitude, plane.d);
}

export function frameFromAttitude(attitude: Attitude, height: number): GravityFrame {
  return { R: rotationFromAttitude(attitude), T: [0, 0, height], attitude, height };
}
