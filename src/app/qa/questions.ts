// Questions about a lifted scene: generated from its objects (the page's, edits included) and its
// full point cloud; exported as a zip of JSONL, the SPAR-7M layout, the original photo and the
// marked photos.
import { zipSync } from 'fflate';
import { UserError } from '../../domain/errors';
import type { CheckedLift } from '../../domain/lifting/job';
import { itemsJsonl, markedImages, spar7mFiles } from '../../domain/qa/export/bundle';
import { questionPhotos } from '../../domain/qa/export/originals';
import type { RgbaImage } from '../../domain/qa/export/drawMarks';
import { type GenerateOptions, type GenerateReport, generateQA } from '../../domain/qa/generate/generate';
import type { Mark, QAItem } from '../../domain/qa/types';
import type { SceneFile, SceneObject } from '../../domain/scene/scene';
import type { SavedFile } from '../lift/exportScene';

export function generateSceneQuestions(lift: Pick<CheckedLift, 'scene' | 'cloud'>, objects: SceneObject[], options: GenerateOptions): { items: QAItem[]; report: GenerateReport } {
  const scene = { ...lift.scene, objects };
  return generateQA([{ scene, points: lift.cloud.xyz.subarray(0, lift.cloud.count * 3) }], options);
}

/** How a runtime draws marked photos: the photo's pixels (EXIF orientation applied), and a JPEG with marks drawn on them. */
export interface MarkedPhotoDrawer {
  pixels(photo: Blob): Promise<RgbaImage>;
  jpeg(base: RgbaImage, marks: readonly Mark[], index: number): Promise<Uint8Array>;
}

/** The zip of a scene's questions; marks are drawn on the photo at its stored size. */
export async function exportSceneQuestions(scene: SceneFile, items: QAItem[], photo: Uint8Array, draw: MarkedPhotoDrawer, onProgress?: (stage: string, fraction: number) => void): Promise<SavedFile> {
  const enc = new TextEncoder();
  const files: Record<string, Uint8Array> = { 'qa.jsonl': enc.encode(itemsJsonl(items)) };
  const sizeOf = (image: string) => {
    if (image !== scene.image.file) throw new UserError(`The items name a photo (${image}) that is not this scene's.`, 'qa-export');
    return scene.image;
  };
  for (const f of spar7mFiles(items, sizeOf)) files[`spar7m/${f.path}`] = enc.encode(f.text);
  // the photo the records name, as it was opened: the zip alone is a dataset (both layouts find it by name)
  Object.assign(files, questionPhotos(items, new Map([[scene.image.file, photo]])).files);
  const marked = markedImages(items);
  if (marked.length) {
    const base = await draw.pixels(new Blob([photo as BlobPart]));
    for (let k = 0; k < marked.length; k++) {
      const m = marked[k];
      files[`marked/${m.name}`] = await draw.jpeg(base, m.item.spatial_lens.marks, m.index);
      onProgress?.('marked images', (k + 1) / marked.length);
    }
  }
  // JPEGs do not compress further: store them, deflate the text
  const zip = zipSync(Object.fromEntries(Object.entries(files).map(([name, data]) => [name, [data, { level: /\.(jpe?g|png|webp|gif|avif)$/i.test(name) ? 0 : 6 }]])));
  return { bytes: zip, name: `${scene.id}.qa.zip`, mime: 'application/zip' };
}
