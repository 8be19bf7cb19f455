import { UserError } from '../../domain/errors';
import { type ImageInfo, sniffImage, workingSize } from '../../domain/formats/imageInfo';
import type { RGBAImage } from '../../domain/image/resample';

export interface DecodedPhoto {
  image: RGBAImage;
  info: ImageInfo;
  /** Size as stored after EXIF orientation. */
  stored: { width: number; height: number };
  downscaled: boolean;
}

/**
 * Decodes a photo in a worker: header checks first (empty, not an image, HEIC, decompression
 * bombs), then the browser's decoder with EXIF orientation applied, resized to the working size.
 */
export async function decodePhoto(bytes: Uint8Array, name: string): Promise<DecodedPhoto> {
  const info = sniffImage(bytes, name);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([bytes as BlobPart]), { imageOrientation: 'from-image', premultiplyAlpha: 'none', colorSpaceConversion: 'default' });
  } catch {
    throw new UserError(`${name} could not be decoded: the file is truncated or corrupt.`, 'image-corrupt');
  }
  const stored = { width: bitmap.width, height: bitmap.height };
  const work = workingSize(stored.width, stored.height);
  if (work.scale !== 1) {
    bitmap.close();
    bitmap = await createImageBitmap(new Blob([bytes as BlobPart]), {
      imageOrientation: 'from-image',
      premultiplyAlpha: 'none',
      resizeWidth: work.width,
      resizeHeight: work.height,
      resizeQuality: 'high',
    });
  }
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(bitmap, 0, 0);
  const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
  const image = { width: bitmap.width, height: bitmap.height, data };
  bitmap.close();
  return { image, info, stored, downscaled: work.scale !== 1 };
}
