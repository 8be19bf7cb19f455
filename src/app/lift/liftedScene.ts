// What the page shows of a lift: a display subset of the points within the point budget, the
// bird's-eye view, and copies of the depth and kept mask for hovering and measuring.
import { renderBev } from '../../domain/geometry/bev';
import { decimationIndices } from '../../domain/geometry/decimate';
import { type LiftedScene, liftedViewOf } from '../../domain/scene/liftedView';
import type { HeldLift } from './liftPhoto';

const now = () => performance.now();

export function liftedSceneOf({ job, input }: HeldLift, budget: number, timings: Record<string, number>): LiftedScene {
  const t0 = now();
  const { lift } = job;
  const idx = decimationIndices(lift.cloud.count, budget);
  const n = idx.length;
  const xyz = new Float32Array(n * 3), rgb = new Uint8Array(n * 3), pixel = new Uint32Array(n);
  for (let k = 0; k < n; k++) {
    const s = idx[k];
    xyz[k * 3] = lift.cloud.xyz[s * 3];
    xyz[k * 3 + 1] = lift.cloud.xyz[s * 3 + 1];
    xyz[k * 3 + 2] = lift.cloud.xyz[s * 3 + 2];
    rgb[k * 3] = lift.cloud.rgb[s * 3];
    rgb[k * 3 + 1] = lift.cloud.rgb[s * 3 + 1];
    rgb[k * 3 + 2] = lift.cloud.rgb[s * 3 + 2];
    pixel[k] = lift.cloud.pixel[s];
  }
  // Ceilings hide a room from above: the bird's-eye view leaves out what is well above the camera.
  const zCeiling = lift.gravitySource !== 'none' ? lift.frame.height + 0.5 : Infinity;
  const bev = renderBev(lift.cloud.xyz, lift.cloud.rgb, lift.cloud.count, { maxSize: 512, zCeiling, include: [[lift.frame.T[0], lift.frame.T[1]]] });
  timings.display = now() - t0;
  const view = liftedViewOf(lift, job.camera);
  return {
    ...view,
    // the page may keep these while the next lift reuses the lift's memory
    depth: view.depth.slice(),
    keep: view.keep.slice(),
    scene: lift.scene,
    display: { xyz, rgb, pixel, count: n },
    totalPoints: lift.cloud.count,
    bev: { width: bev.width, height: bev.height, rgba: bev.rgba, originX: bev.originX, originY: bev.originY, cell: bev.cell },
    stats: lift.stats,
    plausibility: lift.plausibility,
    depthScale: input.depthMap?.scale ?? null,
    notes: job.notes,
    backend: job.backend,
    modelsMs: job.modelsMs,
    timings,
  };
}

/** The buffers a lifted scene can hand over to another thread without copying. */
export const sceneBuffers = (p: LiftedScene): ArrayBuffer[] => [p.display.xyz.buffer, p.display.rgb.buffer, p.display.pixel.buffer, p.depth.buffer, p.keep.buffer, p.bev.rgba.buffer] as ArrayBuffer[];
