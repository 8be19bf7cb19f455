import type { Vec3 } from './linalg';

export interface Measurement {
  distance: number;
  /** Length of the segment's projection on the ground plane (world xy). */
  horizontal: number;
  /** Height difference along world z. */
  vertical: number;
}

export function measure(a: Vec3, b: Vec3): Measurement {
  const dx = b[0] - a[0], dy = b[1] - a[1], dz = b[2] - a[2];
  return { distance: Math.hypot(dx, dy, dz), horizontal: Math.hypot(dx, dy), vertical: Math.abs(dz) };
}
