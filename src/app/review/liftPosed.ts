// The photos of a multi-view item lifted into one frame: when each photo has its depth map, its
// intrinsics and its camera-to-world pose (SPAR-Bench-RGBD columns, SPAR-7M-RGBD camera files),
// the photos other than the one lifted in the 3D view are back-projected and placed by their poses
// in that photo's camera frame, and the item's marks on every photo are placed with them. Explicit
// dependencies, so the review side can move it as it is.
import { createStore } from 'zustand/vanilla';
import { pixelSources } from '../../domain/qa/audit/pixelItem';
import type { Mark, QAItem } from '../../domain/qa/types';
import type { PosedLift } from '../../domain/review/posedLift';
import type { Intrinsics } from '../../domain/geometry/camera';

/** One posed RGB-D photo as the posed lift takes it. */
export interface PosedLiftImage {
  image: Blob;
  depth: Blob;
  depthName: string;
  K: Intrinsics;
  Kdepth?: Intrinsics;
  pose: number[];
}

export interface PosedLiftDeps {
  fetchBlob(url: string): Promise<Blob>;
  projectImage(project: string, path: string): Promise<{ blob: Blob } | undefined>;
  liftPosed(marks: Mark[], images: PosedLiftImage[], reference: number, step: number): Promise<PosedLift>;
}

export interface PosedTarget {
  item: QAItem;
  /** Where each image is stored in the project (null when missing). */
  imagePaths?: (string | null)[];
  images: { path: string; url: string | null }[];
}

/** Why the item's photos cannot be put in one frame, or null when they can (two or more, each with depth, intrinsics and pose). */
export function posedLiftBlocker(cur: PosedTarget): string | null {
  if (cur.images.length < 2) return 'the item has one photo';
  for (const [k, im] of cur.images.entries()) {
    const src = pixelSources(cur.item, k, cur.imagePaths?.[k] ?? im.path);
    const lacks = [!im.url && 'its photo', !src.depthPath && 'a depth map', !src.camera.K && 'intrinsics', !src.camera.pose && 'a pose'].filter(Boolean);
    if (lacks.length) return `image ${k + 1} lacks ${lacks.join(' and ')}`;
  }
  return null;
}

/** Every step-th depth pixel: a 640×480 depth map gives about 77 000 points per photo at 2. */
export const POSED_STEP = 2;

/** The other photos and all marks in the reference photo's camera frame; throws with the reason when they cannot be. */
export async function liftPosedPhotos(deps: PosedLiftDeps, project: string, cur: PosedTarget, reference: number, marks: readonly Mark[]): Promise<PosedLift> {
  const why = posedLiftBlocker(cur);
  if (why) throw new Error(`The photos cannot be put in one frame: ${why}.`);
  const images: PosedLiftImage[] = [];
  for (const [k, im] of cur.images.entries()) {
    const src = pixelSources(cur.item, k, cur.imagePaths?.[k] ?? im.path);
    const depth = await deps.projectImage(project, src.depthPath!);
    if (!depth) throw new Error(`The photos cannot be put in one frame: the depth map of image ${k + 1} (${src.depthPath}) is not in the project.`);
    images.push({ image: await deps.fetchBlob(im.url!), depth: depth.blob, depthName: src.depthPath!, K: src.camera.K!, ...(src.camera.Kdepth ? { Kdepth: src.camera.Kdepth } : {}), pose: src.camera.pose! });
  }
  return deps.liftPosed([...marks], images, reference, POSED_STEP);
}

export interface PosedLiftState {
  /** The item (queue row id) the lift belongs to; null when none is shown. */
  itemId: string | null;
  working: boolean;
  lift: PosedLift | null;
  /** Why the photos were not put in one frame, when that was asked and failed. */
  error: string | null;
  /** Why a multi-view item's photos cannot be posed at all (no depth, intrinsics or pose for one of them). */
  unposed?: string;
}

/** The posed lift of the item under review: one at a time, dropped when another item is shown. */
export const createPosedLiftStore = () => createStore<PosedLiftState>(() => ({ itemId: null, working: false, lift: null, error: null, unposed: undefined }));
export type PosedLiftStore = ReturnType<typeof createPosedLiftStore>;
