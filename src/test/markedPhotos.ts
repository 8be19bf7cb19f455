// Marked photos for tests and benches: the project's own SPAR drawer over the real frames in
// ../shared/data, JPEG-compressed the way published benchmark images are. Node only.
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { RgbaImage } from '../domain/qa/export/drawMarks';
import { drawMarks } from '../domain/qa/export/drawMarks';
import type { Mark, MarkColour } from '../domain/qa/types';
import { mulberry32 } from '../domain/geometry/random';

/** The real frames (../shared/data beside the worktree; SPATIAL_LENS_DATA points elsewhere). */
export const SHARED_DATA = process.env.SPATIAL_LENS_DATA ?? path.resolve(import.meta.dirname, '../../../../shared/data');
/** Tests over the real frames are skipped, and say so, where the folder is not there. */
export const HAVE_SHARED_DATA = fs.existsSync(`${SHARED_DATA}/open3d_redwood/odometry.log`);
/** SPAR's fixed sizes: a 20 px plain disc, a 20 px box line. */
export const SPAR_STYLE = { radius: 20, outline: 0, stroke: 20 } as const;

export const REAL_PHOTOS = [
  'nyu/rgb/rgb_00000.jpg',
  'nyu/rgb/rgb_00050.jpg',
  'open3d_redwood/color/00000.jpg',
  'open3d_redwood/color/00003.jpg',
  'open3d_redwood/color/00004.jpg',
  'coco/000000039769.png',
];

export async function readRgba(file: string): Promise<RgbaImage> {
  const { data, info } = await sharp(path.isAbsolute(file) ? file : `${SHARED_DATA}/${file}`)
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

/** Encodes as JPEG at `quality` (4:2:0 chroma, as most publishers do) and decodes again. */
export async function jpegRoundTrip(img: RgbaImage, quality: number): Promise<RgbaImage> {
  const jpg = await sharp(Buffer.from(img.data), { raw: { width: img.width, height: img.height, channels: 4 } })
    .jpeg({ quality, chromaSubsampling: '4:2:0' })
    .toBuffer();
  return readRgbaBuffer(jpg);
}

export async function readRgbaBuffer(buf: Buffer | Uint8Array): Promise<RgbaImage> {
  const { data, info } = await sharp(buf).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

/** A crop (and maybe a mirror) of a real photo: `count` unmarked photos that differ from each other. */
export async function unmarkedVariants(count: number, seed = 7): Promise<{ name: string; image: RgbaImage }[]> {
  const rand = mulberry32(seed);
  const out: { name: string; image: RgbaImage }[] = [];
  for (let i = 0; i < count; i++) {
    const file = REAL_PHOTOS[i % REAL_PHOTOS.length];
    const meta = await sharp(`${SHARED_DATA}/${file}`).metadata();
    const W = meta.width!,
      H = meta.height!;
    const w = Math.round(W * (0.55 + 0.45 * rand())),
      h = Math.round(H * (0.55 + 0.45 * rand()));
    const left = Math.floor(rand() * (W - w + 1)),
      top = Math.floor(rand() * (H - h + 1));
    let s = sharp(`${SHARED_DATA}/${file}`).extract({ left, top, width: w, height: h });
    if (rand() < 0.5) s = s.flop();
    if (rand() < 0.25) s = s.flip();
    const jpg = await s.jpeg({ quality: 75 + Math.floor(rand() * 21) }).toBuffer();
    out.push({ name: `${file} crop ${left},${top} ${w}×${h}`, image: await readRgbaBuffer(jpg) });
  }
  return out;
}

export interface MarkedCase {
  name: string;
  marks: Mark[];
  image: RgbaImage;
  quality: number;
}

const COLOURS: MarkColour[] = ['red', 'blue', 'green', 'yellow'];

/**
 * Random SPAR marks on a real photo: 1–3 points or 1–4 boxes of distinct colours, kept apart and
 * inside the image as SPAR's projected marks are, drawn at SPAR's sizes, then JPEG at `quality`.
 */
export async function markedCase(file: string, kind: 'point' | 'box', rand: () => number, quality: number): Promise<MarkedCase> {
  const base = await readRgba(file);
  const { width: W, height: H } = base;
  const n = kind === 'point' ? 1 + Math.floor(rand() * 3) : 1 + Math.floor(rand() * 4);
  const marks: Mark[] = [];
  for (let k = 0; k < n; k++) {
    const color = COLOURS[k];
    for (let tries = 0; tries < 200; tries++) {
      if (kind === 'point') {
        const uv: [number, number] = [25 + rand() * (W - 50), 25 + rand() * (H - 50)];
        if (marks.every((m) => Math.hypot(m.uv![0] - uv[0], m.uv![1] - uv[1]) > 50)) {
          marks.push({ kind, color, uv });
          break;
        }
      } else {
        const w = 60 + rand() * (W * 0.5),
          h = 60 + rand() * (H * 0.5);
        const x = 20 + rand() * (W - w - 40),
          y = 20 + rand() * (H - h - 40);
        const box: [number, number, number, number] = [x, y, x + w, y + h];
        // Boxes may overlap (SPAR's often do), but not lie on top of each other
        // No line may lie on another's: then a box has a side nobody can see
        const apart = (a: number[], b: number[]) => a.every((p) => b.every((q) => Math.abs(p - q) > 30));
        if (marks.every((m) => apart([m.box![0], m.box![2]], [box[0], box[2]]) && apart([m.box![1], m.box![3]], [box[1], box[3]]))) {
          marks.push({ kind, color, box });
          break;
        }
      }
    }
  }
  const drawn = drawMarks({ ...base, data: new Uint8Array(base.data) }, marks, SPAR_STYLE);
  return { name: `${file} ${kind}s q${quality}`, marks, image: await jpegRoundTrip(drawn, quality), quality };
}

/** The pixel centre the drawer actually used for a point (it rounds to the nearest pixel). */
export const drawnCentre = (uv: readonly [number, number]): [number, number] => [Math.floor(uv[0] + 0.5), Math.floor(uv[1] + 0.5)];

export function readFileBytes(rel: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(`${SHARED_DATA}/${rel}`));
}
