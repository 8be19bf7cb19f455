// The item under review measured from its own pixels and depth: its photos, the depth maps its
// record names (SPAR-Bench-RGBD columns, SPAR-7M RGB-D) and its cameras, handed to the measure
// worker. Explicit dependencies, so the review side can move it as it is.
import type { PixelAudit } from '../../domain/qa/audit/measureItem';
import { hasNamedMarks, pixelSources } from '../../domain/qa/audit/pixelItem';
import { withCameraNotes } from '../../domain/qa/audit/cameraNotes';
import type { QAItem } from '../../domain/qa/types';
import type { MarkCorrection } from '../../domain/review/markCorrections';
import type { Intrinsics } from '../../domain/geometry/camera';

/** One photo of an item as the measurement takes it: its pixels, its depth map and cameras where known. */
export interface MeasureImage {
  image: Blob;
  depth?: Blob;
  depthName?: string;
  K?: Intrinsics;
  Kdepth?: Intrinsics;
  pose?: number[];
}

export interface MeasureDeps {
  fetchBlob(url: string): Promise<Blob>;
  projectImage(project: string, path: string): Promise<{ blob: Blob } | undefined>;
  measure(item: QAItem, images: MeasureImage[], corrections?: MarkCorrection[]): Promise<PixelAudit>;
}

export interface MeasureTarget {
  item: QAItem;
  /** Where each image is stored in the project (null when missing). */
  imagePaths?: (string | null)[];
  images: { path: string; url: string | null }[];
  /** The reviewer's marks for this item (in place of the found ones). */
  corrections?: MarkCorrection[];
}

/** Null when the question names no mark or an image is not in the project. */
export async function measureCurrent(deps: MeasureDeps, project: string, cur: MeasureTarget): Promise<PixelAudit | null> {
  if (!hasNamedMarks(cur.item) || !cur.images.length || cur.images.some((i) => !i.url)) return null;
  const images: MeasureImage[] = [];
  for (const [k, im] of cur.images.entries()) {
    const src = pixelSources(cur.item, k, cur.imagePaths?.[k] ?? im.path);
    const depth = src.depthPath ? await deps.projectImage(project, src.depthPath) : undefined;
    images.push({
      image: await deps.fetchBlob(im.url!),
      ...(depth ? { depth: depth.blob, depthName: src.depthPath! } : {}),
      ...(src.camera.K ? { K: src.camera.K } : {}),
      ...(src.camera.Kdepth ? { Kdepth: src.camera.Kdepth } : {}),
      ...(src.camera.pose ? { pose: src.camera.pose } : {}),
    });
  }
  return withCameraNotes(await (cur.corrections?.length ? deps.measure(cur.item, images, cur.corrections) : deps.measure(cur.item, images)), cur.item);
}
