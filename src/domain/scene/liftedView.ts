// A lifted photo as everything after the lift reads it: object lifting, mark evidence, hovering and
// measuring, the viewer. One type for one concept: the working grid's calibrated depth and kept
// mask, the camera on that grid, and the pose that takes camera points to the world.
import type { BevRaster } from '../geometry/bev';
import type { Intrinsics } from '../geometry/camera';
import type { Mat3, Vec3 } from '../geometry/linalg';
import type { DepthScale } from '../lifting/depthScale';
import type { LiftResult, LiftStats } from '../lifting/pipeline';
import type { PlausibilityReport } from '../lifting/plausibility';
import type { SceneFile } from './scene';

export interface LiftedView {
  /** Calibrated metric depth per working-grid pixel. */
  depth: Float32Array;
  /** 1 where the pixel's point survived the filters. */
  keep: Uint8Array;
  /** The working grid (may be a downscale of the stored photo). */
  width: number;
  height: number;
  /** Intrinsics on the working grid. */
  camera: Intrinsics;
  /** World from camera: world = R·p + T (R row-major). */
  R: Mat3;
  T: Vec3;
  /** The stored photo's size (after EXIF orientation): annotations and marks are in its pixels. */
  stored: { width: number; height: number };
  /** Whether z = 0 is a fitted support plane (then points on it are not an object's). */
  hasSupportPlane: boolean;
}

export type Bev = Omit<BevRaster, 'zMin' | 'zMax'>;

/** A lifted scene as the page shows it: the view, a display subset of its points, the bird's-eye view and the lift's report. */
export interface LiftedScene extends LiftedView {
  scene: SceneFile;
  /** At most pointBudget points for display: world xyz, rgb and source pixel. */
  display: { xyz: Float32Array; rgb: Uint8Array; pixel: Uint32Array; count: number };
  totalPoints: number;
  bev: Bev;
  stats: LiftStats;
  /** The sanity check of this lift against the size of scenes of its kind. */
  plausibility: PlausibilityReport;
  /** The depth map's scale and where it came from; null when the depth came from a model. */
  depthScale: DepthScale | null;
  notes: string[];
  backend?: string;
  modelsMs: Record<string, number>;
  /** Milliseconds spent per stage, decode to points. */
  timings: Record<string, number>;
}

/** The view of a finished lift with the camera it used (on the working grid). */
export function liftedViewOf(lift: LiftResult, camera: Intrinsics): LiftedView {
  return {
    depth: lift.depth,
    keep: lift.keep,
    width: lift.width,
    height: lift.height,
    camera: { fx: camera.fx, fy: camera.fy, cx: camera.cx, cy: camera.cy },
    R: lift.frame.R,
    T: lift.frame.T,
    stored: { width: lift.scene.image.width, height: lift.scene.image.height },
    hasSupportPlane: lift.gravitySource !== 'none',
  };
}
