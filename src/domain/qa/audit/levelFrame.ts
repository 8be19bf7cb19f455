// The gravity-levelled frame of an item's first camera, as the generator speaks of relations:
// x is the camera's right made horizontal, z is up (against gravity), y = z × x points forward.
// Gravity comes from the first image's pose (SPAR's ScanNet world has +z up), else from the
// support plane (floor, table) fitted to the first image's depth, else the camera's own axes are
// used and the frame is said not to be levelled.
import { type Vec3, cross, dot, norm } from '../../geometry/linalg';
import { fitSupportPlane } from '../../geometry/planefit';
import type { Intrinsics } from '../../geometry/camera';
import type { DepthImage } from './measureItem';

export type LevelSource = 'pose' | 'floor' | 'camera';

export interface LevelFrame {
  /** Unit axes in the first camera's coordinates (OpenCV: x right, y down, z forward). */
  right: Vec3;
  forward: Vec3;
  up: Vec3;
  source: LevelSource;
  /** How far the camera's "up" (−y) is from the frame's up, degrees. */
  tiltDeg: number;
}

/** Levelled coordinates [right, forward, up] of a first-camera point. */
export const levelled = (f: LevelFrame, p: Vec3): Vec3 => [dot(p, f.right), dot(p, f.forward), dot(p, f.up)];

/**
 * The frame for an up direction given in camera coordinates: the camera's right axis with its
 * vertical part removed (its forward axis when the camera is rolled onto its side).
 */
export function levelFrameFromUp(upCam: Vec3, source: LevelSource): LevelFrame | null {
  const n = norm(upCam);
  if (!(n > 1e-9)) return null;
  const up: Vec3 = [upCam[0] / n, upCam[1] / n, upCam[2] / n];
  let h: Vec3 = [1 - up[0] * up[0], -up[0] * up[1], -up[0] * up[2]];
  if (norm(h) < 1e-3) {
    // camera right points straight up or down: its forward, made horizontal, turned a quarter
    const fz = up[2];
    const fh: Vec3 = [-fz * up[0], -fz * up[1], 1 - fz * up[2]];
    h = cross(fh, up);
  }
  const hn = norm(h);
  const right: Vec3 = [h[0] / hn, h[1] / hn, h[2] / hn];
  const forward = cross(up, right);
  const tiltDeg = (Math.acos(Math.max(-1, Math.min(1, -up[1]))) * 180) / Math.PI;
  return { right, forward, up, source, tiltDeg };
}

/** An exact identity pose is a placeholder (a writer with no camera pose), not a camera standing on its back. */
const isIdentity = (m: readonly number[]) => m.length >= 16 && m.every((x, i) => x === (i % 5 === 0 ? 1 : 0));

/** Up in camera coordinates from a row-major camera-to-world pose whose world has +z up: the third row of its rotation. */
export const upFromPose = (pose: readonly number[]): Vec3 => [pose[8], pose[9], pose[10]];

/** Camera points of a depth image (a strided sample), for the support-plane fit. */
function depthCloud(d: DepthImage, K: Intrinsics, budget = 20000): { xyz: Float32Array; count: number } {
  const step = Math.max(1, Math.floor(Math.sqrt((d.width * d.height) / budget)));
  const xyz = new Float32Array(Math.ceil(d.width / step) * Math.ceil(d.height / step) * 3);
  let n = 0;
  for (let v = 0; v < d.height; v += step)
    for (let u = 0; u < d.width; u += step) {
      const z = d.data[v * d.width + u];
      if (!(z > 0)) continue;
      xyz[n * 3] = ((u - K.cx) / K.fx) * z;
      xyz[n * 3 + 1] = ((v - K.cy) / K.fy) * z;
      xyz[n * 3 + 2] = z;
      n++;
    }
  return { xyz, count: n };
}

/**
 * The levelled frame of the first image: from its pose when it has a real one, else from the
 * support plane in its depth (the depth's own intrinsics), else the camera's axes.
 */
export function levelFrameOf(first: { pose?: readonly number[]; depth?: DepthImage; Kdepth?: Intrinsics }): LevelFrame {
  if (first.pose && !isIdentity(first.pose)) {
    const f = levelFrameFromUp(upFromPose(first.pose), 'pose');
    if (f) return f;
  }
  if (first.depth && first.Kdepth) {
    const { xyz, count } = depthCloud(first.depth, first.Kdepth);
    const fit = fitSupportPlane(xyz, count, { up: [0, -1, 0], maxTiltDeg: 45 });
    // a plane holding a tenth of the view is a floor or a table top, not a patch of wall
    if (fit && fit.inlierRatio >= 0.1) {
      const f = levelFrameFromUp(fit.plane.normal, 'floor');
      if (f) return f;
    }
  }
  return levelFrameFromUp([0, -1, 0], 'camera')!;
}

/** How the frame was levelled, for the item's line. */
export function levelNote(f: LevelFrame): string {
  if (f.source === 'pose') return 'levelled by the pose';
  if (f.source === 'floor') return `levelled by the support plane in the depth (camera tilted ${Math.round(f.tiltDeg)}°)`;
  return 'camera frame, not levelled (no pose and no support plane in the depth)';
}
