// Burns an item's marks into an RGBA buffer the way SPAR's draw_marker.py draws them, so a
// marked image we show or export looks like what a SPAR-trained model was shown. Pure typed-array
// code: it runs in a worker and in Node, and touches only the pixels under the marks.
import type { Mark, MarkColour } from '../types';

export interface RgbaImage {
  width: number;
  height: number;
  /** Row-major, 4 bytes (R, G, B, A) per pixel. */
  data: Uint8ClampedArray | Uint8Array;
}

export interface MarkStyle {
  /** Disc radius in pixels (a pixel is inside when its squared distance is at most r² + r). */
  radius: number;
  /** Width of the contrasting ring inside the disc's edge; 0 draws SPAR's plain disc. */
  outline: number;
  /** Box line width in pixels. */
  stroke: number;
}

/**
 * SPAR passes colour names to PIL, which resolves them as CSS does: "green" is (0, 128, 0), not
 * (0, 255, 0). (Its video-task drawers use OpenCV BGR tuples instead; the image tasks use these.)
 */
export const SPAR_COLOURS: Readonly<Record<MarkColour, readonly [number, number, number]>> = {
  red: [255, 0, 0],
  blue: [0, 0, 255],
  green: [0, 128, 0],
  yellow: [255, 255, 0],
};

// SPAR uses a fixed 20 px radius and 20 px stroke whatever the image size. The largest part of
// SPAR-7M is ScanNet colour frames (1296 × 968), so those sizes are scaled by the shorter side against 968:
// a ScanNet-sized image gets exactly SPAR's marks, a phone photo proportionally larger ones.
const SPAR_RADIUS = 20;
const SPAR_STROKE = 20;
const SPAR_REFERENCE_SIDE = 968;

const WHITE = [255, 255, 255] as const;
const BLACK = [0, 0, 0] as const;
const contrast = (c: readonly [number, number, number]) => (0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2] > 140 ? BLACK : WHITE);

/** The marks' sizes for an image: SPAR's at 968 px on the shorter side, proportional otherwise. */
export function markStyle(width: number, height: number): MarkStyle {
  const scale = Math.min(width, height) / SPAR_REFERENCE_SIDE;
  const radius = Math.max(3, Math.round(SPAR_RADIUS * scale));
  return { radius, outline: Math.max(1, Math.round(radius * 0.15)), stroke: Math.max(2, Math.round(SPAR_STROKE * scale)) };
}

function checkImage(img: RgbaImage): void {
  const { width, height, data } = img;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0 || data.length !== width * height * 4)
    throw new Error(`An RGBA image of ${width}×${height} needs ${width * height * 4} bytes, got ${data.length}`);
}

const styleValue = (v: number | undefined, fallback: number, name: string): number => {
  if (v === undefined) return fallback;
  if (!Number.isFinite(v) || v < 0) throw new Error(`Mark style ${name} must be a non-negative number, got ${v}`);
  return Math.round(v);
};

/** Inclusive pixel rectangle, clipped to the image. */
function fillRect(img: RgbaImage, x0: number, y0: number, x1: number, y1: number, rgb: readonly number[]): void {
  const xa = Math.max(0, x0);
  const xb = Math.min(img.width - 1, x1);
  const ya = Math.max(0, y0);
  const yb = Math.min(img.height - 1, y1);
  if (xa > xb || ya > yb) return;
  const d = img.data;
  for (let y = ya; y <= yb; y++) {
    for (let o = (y * img.width + xa) * 4, end = (y * img.width + xb) * 4; o <= end; o += 4) {
      d[o] = rgb[0];
      d[o + 1] = rgb[1];
      d[o + 2] = rgb[2];
      d[o + 3] = 255;
    }
  }
}

function drawDisc(img: RgbaImage, u: number, v: number, style: MarkStyle, rgb: readonly [number, number, number]): void {
  // The pixel whose centre is nearest (OpenCV centres are integers); SPAR's int(p/1000*W) lands
  // on the same pixel for a point converted by sparLayout
  const cx = Math.floor(u + 0.5);
  const cy = Math.floor(v + 0.5);
  const r = style.radius;
  // d² ≤ r² + r is PIL's own disc for its ellipse(x−r, y−r, x+r, y+r) at SPAR's radius of 20
  const outer = r * r + r;
  const ri = r - style.outline;
  const inner = ri >= 0 ? ri * ri + ri : -1;
  const ring = contrast(rgb);
  const x0 = Math.max(0, cx - r);
  const x1 = Math.min(img.width - 1, cx + r);
  const y0 = Math.max(0, cy - r);
  const y1 = Math.min(img.height - 1, cy + r);
  const d = img.data;
  for (let y = y0; y <= y1; y++) {
    const dy2 = (y - cy) * (y - cy);
    for (let x = x0; x <= x1; x++) {
      const d2 = (x - cx) * (x - cx) + dy2;
      if (d2 > outer) continue;
      const c = d2 <= inner ? rgb : ring;
      const o = (y * img.width + x) * 4;
      d[o] = c[0];
      d[o + 1] = c[1];
      d[o + 2] = c[2];
      d[o + 3] = 255;
    }
  }
}

function drawBox(img: RgbaImage, box: readonly number[], stroke: number, rgb: readonly [number, number, number]): void {
  if (stroke <= 0) return;
  const x1 = Math.min(box[0], box[2]);
  const x2 = Math.max(box[0], box[2]);
  const y1 = Math.min(box[1], box[3]);
  const y2 = Math.max(box[1], box[3]);
  // Outer edges as inclusive pixel indices. SPAR starts its rectangle 7/8 of the stroke outside
  // the box, so the object stays visible, and truncates as int() does. Below a 12 px stroke that
  // would leave the box's edge pixels unmarked, so thin strokes keep 1.5 px over the box (one
  // pixel on each side); a 1 px stroke is the box's own border pixels.
  let L: number, T: number, R: number, B: number;
  if (stroke === 1) {
    [L, T, R, B] = [Math.floor(x1), Math.floor(y1), Math.ceil(x2) - 1, Math.ceil(y2) - 1];
  } else {
    const e = Math.min((stroke * 7) / 8, stroke - 1.5);
    [L, T, R, B] = [Math.trunc(x1 - e), Math.trunc(y1 - e), Math.trunc(x2 + e), Math.trunc(y2 + e)];
  }
  fillRect(img, L, T, R, T + stroke - 1, rgb);
  fillRect(img, L, B - stroke + 1, R, B, rgb);
  fillRect(img, L, T, L + stroke - 1, B, rgb);
  fillRect(img, R - stroke + 1, T, R, B, rgb);
}

/**
 * Draws `marks` onto `image` in place (all of them, whatever image index they name) and returns
 * it. Points are filled discs with a contrasting ring, boxes rectangles; everything is clipped to
 * the image. `style` overrides the sizes from markStyle; `{ outline: 0 }` gives SPAR's plain discs.
 */
export function drawMarks(image: RgbaImage, marks: readonly Mark[], style: Partial<MarkStyle> = {}): RgbaImage {
  checkImage(image);
  const base = markStyle(image.width, image.height);
  const s: MarkStyle = {
    radius: styleValue(style.radius, base.radius, 'radius'),
    outline: styleValue(style.outline, base.outline, 'outline'),
    stroke: styleValue(style.stroke, base.stroke, 'stroke'),
  };
  for (const m of marks) {
    const rgb = SPAR_COLOURS[m.color];
    if (!rgb) throw new Error(`Unknown mark colour "${m.color}"`);
    if (m.kind === 'point') {
      if (!m.uv || !Number.isFinite(m.uv[0]) || !Number.isFinite(m.uv[1])) throw new Error(`The ${m.color} point mark has no valid uv`);
      drawDisc(image, m.uv[0], m.uv[1], s, rgb);
    } else {
      if (!m.box || m.box.length !== 4 || !m.box.every(Number.isFinite)) throw new Error(`The ${m.color} box mark has no valid box`);
      drawBox(image, m.box, s.stroke, rgb);
    }
  }
  return image;
}

/** Draws, in place, the marks that belong to image `imageIndex` of a multi-view item (a mark with no index is on image 0). */
export function markedImage(image: RgbaImage, marks: readonly Mark[], imageIndex: number, style?: Partial<MarkStyle>): RgbaImage {
  return drawMarks(
    image,
    marks.filter((m) => (m.image ?? 0) === imageIndex),
    style,
  );
}
