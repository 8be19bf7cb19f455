// Node twin of the browser's marked photos: sharp decodes (EXIF orientation applied) and encodes.
import sharp from 'sharp';
import { type RgbaImage, markedImage } from '../../domain/qa/export/drawMarks';
import type { Mark } from '../../domain/qa/types';
import type { MarkedPhotoDrawer } from '../../app/qa/questions';

export const nodeMarkedPhotos: MarkedPhotoDrawer = {
  async pixels(photo: Blob): Promise<RgbaImage> {
    const { data, info } = await sharp(new Uint8Array(await photo.arrayBuffer())).rotate().ensureAlpha().raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length) };
  },
  async jpeg(base: RgbaImage, marks: readonly Mark[], index: number): Promise<Uint8Array> {
    const rgba = { width: base.width, height: base.height, data: new Uint8ClampedArray(base.data) };
    markedImage(rgba, marks, index);
    const out = await sharp(Buffer.from(rgba.data.buffer, rgba.data.byteOffset, rgba.data.length), { raw: { width: base.width, height: base.height, channels: 4 } }).jpeg({ quality: 90 }).toBuffer();
    return new Uint8Array(out);
  },
};
