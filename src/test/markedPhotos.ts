// Marked photos for tests and benches: the project's own SPAR drawer over the real frames in
// ../shared/data, JPEG-compressed the way published benchmark images are. Node only.
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { RgbaImage } from '../domain/qa/export/drawMarks';
import { drawMarks } from '../domain/qa/export/drawMarks';
import type { Mark, MarkColour } from '../domain/qa/types';
import { mulberry32 } from '../domain/geometry/random';
import { SHARED_DATA as SHARED_BESIDE } from '../../scripts/sharedData';

/** The real frames (../shared/data beside the worktree; SPATIAL_LENS_DATA points elsewhere). */
export const SHARED_DATA = process.env.SPATIAL_LENS_DATA ?? SHARED_BESIDE;
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

/** Photo luma (Rec. 601) at or below which a mark counts as drawn over a dark part. */
export const DARK_LUMA = 60;

/** Mean luma of the photo over the pixels SPAR's drawer paints for `m` (the line band of a box, a disc). */
export function paintedLuma(photo: RgbaImage, m: Mark): number {
  // The drawer paints a window around the mark; only that window is drawn and read
  const [x0, y0, x1, y1] = m.box ? m.box : [m.uv![0], m.uv![1], m.uv![0], m.uv![1]];
  const left = Math.max(0, Math.floor(x0) - 30),
    top = Math.max(0, Math.floor(y0) - 30);
  const w = Math.min(photo.width, Math.ceil(x1) + 30) - left,
    h = Math.min(photo.height, Math.ceil(y1) + 30) - top;
  const moved: Mark = m.box ? { ...m, box: [x0 - left, y0 - top, x1 - left, y1 - top] } : { ...m, uv: [x0 - left, y0 - top] };
  const mask = drawMarks({ width: w, height: h, data: new Uint8Array(w * h * 4) }, [moved], SPAR_STYLE).data;
  let sum = 0,
    n = 0;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      if (!mask[(y * w + x) * 4 + 3]) continue;
      const o = ((y + top) * photo.width + x + left) * 4;
      sum += 0.299 * photo.data[o] + 0.587 * photo.data[o + 1] + 0.114 * photo.data[o + 2];
      n++;
    }
  return n ? sum / n : 255;
}

/**
 * SPAR's marks for one task with the `target` colour's mark drawn over a dark part of a real
 * photo; the other marks go anywhere. SPAR's tasks name red; red and blue; red, blue and green; or
 * all four, and draw them in that order, a later mark covering an earlier one: the colours here
 * are red up to `target`. Boxes are 40–160 px, as objects in SPAR's frames. `overlap` draws all
 * four boxes, each crossing another, as the four objects of an imagination item often do; no two
 * parallel lines lie within 24 px, so every box keeps some of each side visible. Null when the
 * photo has too little dark area.
 */
export async function darkMarkedCase(
  file: string,
  kind: 'point' | 'box',
  target: MarkColour,
  overlap: boolean,
  rand: () => number,
  quality: number,
): Promise<MarkedCase | null> {
  const base = await readRgba(file);
  const { width: W, height: H, data } = base;
  const darkPixels: number[] = [];
  for (let p = 0; p < W * H; p++) if (0.299 * data[p * 4] + 0.587 * data[p * 4 + 1] + 0.114 * data[p * 4 + 2] <= DARK_LUMA) darkPixels.push(p);
  if (darkPixels.length < 0.02 * W * H) return null;
  const colours = overlap ? COLOURS : COLOURS.slice(0, COLOURS.indexOf(target) + 1);
  const outer = (b: readonly number[]) => [b[0] - 17.5, b[1] - 17.5, b[2] + 17.5, b[3] + 17.5];
  const crosses = (a: number[], b: number[]) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
  const apart = (a: number[], b: number[]) => a.every((p) => b.every((q) => Math.abs(p - q) > 24));
  const marks: Mark[] = [];
  // The target first, centred on a dark pixel and kept where its painted pixels are dark on average
  for (const color of [target, ...colours.filter((c) => c !== target)]) {
    const dark = color === target;
    let placed = false;
    // Trying is cheap but for the target's darkness; four boxes apart take many tries
    for (let tries = 0; tries < (dark ? 600 : 5000) && !placed; tries++) {
      let cu: number, cv: number;
      if (dark) {
        const at = darkPixels[Math.floor(rand() * darkPixels.length)];
        [cu, cv] = [(at % W) + 0.5, Math.floor(at / W) + 0.5];
      } else if (overlap) {
        // near a box already placed, so that it crosses one
        const e = marks[Math.floor(rand() * marks.length)].box!;
        [cu, cv] = [(e[0] + e[2]) / 2 + (rand() - 0.5) * (e[2] - e[0] + 120), (e[1] + e[3]) / 2 + (rand() - 0.5) * (e[3] - e[1] + 120)];
      } else [cu, cv] = [rand() * W, rand() * H];
      let m: Mark;
      if (kind === 'point') {
        if (cu < 25 || cv < 25 || cu > W - 25 || cv > H - 25) continue;
        if (!marks.every((o) => Math.hypot(o.uv![0] - cu, o.uv![1] - cv) > 50)) continue;
        m = { kind, color, uv: [cu, cv] };
      } else {
        const w = 40 + rand() * 120,
          h = 40 + rand() * 120;
        const box: [number, number, number, number] = [cu - w / 2, cv - h / 2, cu + w / 2, cv + h / 2];
        if (box[0] < 20 || box[1] < 20 || box[2] > W - 20 || box[3] > H - 20) continue;
        if (!marks.every((e) => apart([e.box![0], e.box![2]], [box[0], box[2]]) && apart([e.box![1], e.box![3]], [box[1], box[3]]))) continue;
        const hits = marks.filter((e) => crosses(outer(e.box!), outer(box))).length;
        if (overlap ? marks.length > 0 && hits === 0 : hits > 0) continue;
        m = { kind, color, box };
      }
      if (dark && paintedLuma(base, m) > DARK_LUMA) continue;
      marks.push(m);
      placed = true;
    }
    if (!placed) return null;
  }
  marks.sort((a, b) => COLOURS.indexOf(a.color) - COLOURS.indexOf(b.color));
  const drawn = drawMarks({ ...base, data: new Uint8Array(base.data) }, marks, SPAR_STYLE);
  return { name: `${file} ${target} ${overlap ? 'overlapping ' : ''}${kind} over a dark part, q${quality}`, marks, image: await jpegRoundTrip(drawn, quality), quality };
}
