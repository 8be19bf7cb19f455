import sharp from 'sharp';
import { UserError } from '../../domain/errors';
import { sniffImage, workingSize } from '../../domain/formats/imageInfo';
import type { RGBAImage } from '../../domain/image/resample';

/** Node twin of browserDecode: header checks, then sharp with EXIF orientation, working size. */
export async function decodePhotoNode(bytes: Uint8Array, name: string): Promise<{ image: RGBAImage; stored: { width: number; height: number }; type: string }> {
  const info = sniffImage(bytes, name);
  try {
    const oriented = sharp(bytes, { failOn: 'truncated' }).rotate();
    const meta = await sharp(await oriented.clone().toBuffer()).metadata();
    const stored = { width: meta.width!, height: meta.height! };
    const work = workingSize(stored.width, stored.height);
    let pipe = oriented.toColourspace('srgb').ensureAlpha();
    if (work.scale !== 1) pipe = pipe.resize(work.width, work.height, { kernel: 'linear' });
    const { data, info: out } = await pipe.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    return { image: { width: out.width, height: out.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) }, stored, type: info.type };
  } catch (e) {
    throw new UserError(`${name} could not be decoded (${(e as Error).message}).`, 'image-corrupt');
  }
}
