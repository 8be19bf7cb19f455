// Objects found by the COCO detector (YOLOX) on the lifted photo's working image, as annotations
// in the stored photo's pixels.
import { UserError } from '../../domain/errors';
import type { RGBAImage } from '../../domain/image/resample';
import type { ModelRunner } from '../../domain/lifting/job';
import type { ManifestEntry } from '../../domain/models/manifest';
import { detectionsToAnnotations, yoloxDecode, yoloxInput } from '../../domain/models/yolox';
import type { Annotation2D, BBox } from '../../domain/objects/types';

export interface Detected {
  annotations: Annotation2D[];
  ms: number;
  backend: string;
}

export async function detectObjects(image: RGBAImage, stored: { width: number; height: number }, entry: ManifestEntry, threshold: number, runner: ModelRunner): Promise<Detected> {
  const t0 = performance.now();
  const { tensor, ratio } = yoloxInput(image);
  const sig = await runner.signature(entry);
  const inputName = sig.inputs[0]?.name ?? 'images';
  const out = await runner.run(entry, { [inputName]: tensor });
  const output = Object.values(out)[0];
  if (!output || output.dims.length !== 3 || output.dims[2] !== 85)
    throw new UserError(`${entry.name ?? entry.id} is not a YOLOX COCO detector: expected an output [1, N, 85], found [${output?.dims.join(', ')}].`, 'model-mismatch');
  const dets = yoloxDecode(output.data as Float32Array, ratio, image.width, image.height, { scoreThreshold: threshold });
  // detections are on the working grid: annotations live in the stored photo's pixels
  const s = stored.width / image.width;
  const annotations = detectionsToAnnotations(dets).map((a) => ({ ...a, bbox: a.bbox.map((v) => v * s) as BBox }));
  return { annotations, ms: performance.now() - t0, backend: runner.backend?.() ?? '' };
}
