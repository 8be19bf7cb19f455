// A synthetic RGB-D item with one of its named marks left out of its photos (the question still
// names it): what the reviewer places by hand. Node only.
import sharp from 'sharp';
import { drawMarks } from '../domain/qa/export/drawMarks';
import type { MarkColour } from '../domain/qa/types';
import { SPAR_STYLE, readRgbaBuffer } from './markedPhotos';
import type { RgbdFrame, RgbdItem } from './rgbdItems';

/** `it` with the `colour` point not drawn (JPEG quality 95), and where that point was meant to be. */
export async function withUndrawnMark(it: RgbdItem, frames: readonly RgbdFrame[], colour: MarkColour): Promise<{ item: RgbdItem; meant: { image: number; uv: [number, number] } }> {
  const gone = it.marks.find((m) => m.color === colour);
  if (!gone) throw new Error(`item ${it.id} has no ${colour} mark`);
  const images = [],
    jpegs = [];
  for (const [im, k] of it.frames.entries()) {
    const f = frames[k];
    const drawn = drawMarks(
      { ...f.rgba, data: new Uint8Array(f.rgba.data) },
      it.marks.filter((m) => m !== gone && (m.image ?? 0) === im),
      SPAR_STYLE,
    );
    const jpg = await sharp(Buffer.from(drawn.data), { raw: { width: drawn.width, height: drawn.height, channels: 4 } })
      .jpeg({ quality: 95 })
      .toBuffer();
    jpegs.push(new Uint8Array(jpg));
    images.push(await readRgbaBuffer(jpg));
  }
  return { item: { ...it, images, jpegs }, meant: { image: gone.image ?? 0, uv: gone.uv! } };
}
