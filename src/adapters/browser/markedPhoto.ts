// Marked photos (SPAR's coloured points and boxes drawn in) as JPEG, in a worker: the browser
// decodes and encodes, drawMarks draws. Shared by the question export and the review export.
import { type RgbaImage, markedImage } from '../../domain/qa/export/drawMarks';
import type { Mark } from '../../domain/qa/types';

async function decodedPixels(blob: Blob, options: ImageBitmapOptions): Promise<RgbaImage> {
  const bitmap = await createImageBitmap(blob, { premultiplyAlpha: 'none', ...options });
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  return { width: canvas.width, height: canvas.height, data: ctx.getImageData(0, 0, canvas.width, canvas.height).data };
}

/** A photo's pixels, EXIF orientation applied (as the app shows and stores it). */
export const photoPixels = (blob: Blob) => decodedPixels(blob, { imageOrientation: 'from-image' });

/** A photo's pixels as stored, with no EXIF turn and no colour management: SPAR drew its marks on this grid. */
export const storedPixels = (blob: Blob) => decodedPixels(blob, { imageOrientation: 'none', colorSpaceConversion: 'none' });

/** A copy of `base` with the marks that go on image `index`, as JPEG bytes. */
export async function markedJpeg(base: RgbaImage, marks: readonly Mark[], index: number): Promise<Uint8Array> {
  const rgba = { width: base.width, height: base.height, data: new Uint8ClampedArray(base.data) };
  markedImage(rgba, marks, index);
  const canvas = new OffscreenCanvas(base.width, base.height);
  canvas.getContext('2d')!.putImageData(new ImageData(rgba.data as Uint8ClampedArray<ArrayBuffer>, base.width, base.height), 0, 0);
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
  return new Uint8Array(await blob.arrayBuffer());
}
