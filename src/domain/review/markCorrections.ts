// A reviewer's correction of a mark found in an item's pixels: a point or box placed or moved by
// hand where the search missed it, doubled it or put it in the wrong place. Stored with the
// review decision (`marks`), and used in place of the found mark of the same colour and kind when
// the item is measured. Pure: reading a stored correction, checking it, applying it.
import type { MarkColour } from '../qa/types';

export const MARK_COLOURS: readonly MarkColour[] = ['red', 'blue', 'green', 'yellow'];
export type MarkKind = 'point' | 'box';

export interface MarkCorrection {
  color: MarkColour;
  kind: MarkKind;
  /** Which of the item's images (0-based). */
  image: number;
  /** Points: pixel-centre coordinates (pixel (0, 0) covers −0.5…0.5). */
  uv?: [number, number];
  /** Boxes: [x1, y1, x2, y2] in continuous (pixel-area) coordinates, x1 < x2 and y1 < y2. */
  box?: [number, number, number, number];
  source: 'reviewer';
}

/** A mark the measurement uses: found in the pixels, or put there by the reviewer. */
export interface LocatedMark {
  color: MarkColour;
  kind: MarkKind;
  image: number;
  uv?: [number, number];
  box?: [number, number, number, number];
  source?: 'reviewer';
}

export const markKey = (m: { color: MarkColour; kind: MarkKind }): string => `${m.color} ${m.kind}`;

/** A stored number is never trusted to be sane: more than a photo could ever be wide is refused. */
const LIMIT = 100_000;
const round2 = (x: number) => Math.round(x * 100) / 100;

const isColour = (c: unknown): c is MarkColour => typeof c === 'string' && (MARK_COLOURS as readonly string[]).includes(c);
const finite = (xs: unknown, n: number): xs is number[] => Array.isArray(xs) && xs.length === n && xs.every((x) => typeof x === 'number' && Number.isFinite(x) && Math.abs(x) <= LIMIT);
const FIELDS = new Set(['color', 'kind', 'image', 'uv', 'box', 'source']);

export interface ImageSize {
  width: number;
  height: number;
}

/** Why a correction cannot be used on an image of this size, or null (a point's centre lies on the image; a box overlaps it). */
export function outsideImage(c: Pick<MarkCorrection, 'uv' | 'box' | 'image'>, size: ImageSize | undefined): string | null {
  if (!size) return null;
  if (c.uv) {
    const [u, v] = c.uv;
    if (u < -0.5 || v < -0.5 || u > size.width - 0.5 || v > size.height - 0.5) return `(${round2(u)}, ${round2(v)}) is outside image ${c.image + 1} (${size.width} × ${size.height})`;
  }
  if (c.box) {
    const [x1, y1, x2, y2] = c.box;
    if (x2 <= 0 || y2 <= 0 || x1 >= size.width || y1 >= size.height) return `[${c.box.map(round2).join(', ')}] is outside image ${c.image + 1} (${size.width} × ${size.height})`;
  }
  return null;
}

/**
 * One stored correction read back (an import, the page's draft): a clear reason when it cannot be
 * used. `images` is how many images the item has; `sizes` their sizes where known.
 */
export function parseMarkCorrection(raw: unknown, images: number, sizes: readonly (ImageSize | undefined)[] = []): MarkCorrection | string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'a mark correction must be an object';
  const r = raw as Record<string, unknown>;
  const odd = Object.keys(r).filter((k) => !FIELDS.has(k));
  if (odd.length) return `a mark correction has unknown field${odd.length > 1 ? 's' : ''} ${odd.map((k) => JSON.stringify(k)).join(', ')}`;
  if (!isColour(r.color)) return `unknown mark colour ${JSON.stringify(r.color)} (red, blue, green or yellow)`;
  if (r.kind !== 'point' && r.kind !== 'box') return `unknown mark kind ${JSON.stringify(r.kind)} for the ${r.color} mark (point or box)`;
  const what = `the ${r.color} ${r.kind}`;
  if (r.source !== undefined && r.source !== 'reviewer') return `${what} has source ${JSON.stringify(r.source)}; a correction's source is "reviewer"`;
  const image = r.image ?? 0;
  if (typeof image !== 'number' || !Number.isInteger(image) || image < 0 || image >= Math.max(1, images)) return `${what} is on image ${JSON.stringify(image)}, but the item has ${images} image${images === 1 ? '' : 's'}`;
  const out: MarkCorrection = { color: r.color, kind: r.kind, image, source: 'reviewer' };
  if (r.kind === 'point') {
    if (r.box !== undefined) return `${what} has a box; a point has only uv`;
    if (!finite(r.uv, 2)) return `${what}'s uv must be two finite numbers (pixels), not ${JSON.stringify(r.uv) ?? 'missing'}`;
    out.uv = [r.uv[0], r.uv[1]];
  } else {
    if (r.uv !== undefined) return `${what} has a uv; a box has only box`;
    if (!finite(r.box, 4)) return `${what}'s box must be four finite numbers [x1, y1, x2, y2], not ${JSON.stringify(r.box) ?? 'missing'}`;
    const [x1, y1, x2, y2] = r.box;
    if (!(x2 > x1 && y2 > y1)) return `${what}'s box [${r.box.join(', ')}] is empty or inverted (x1 < x2 and y1 < y2)`;
    out.box = [x1, y1, x2, y2];
  }
  const outside = outsideImage(out, sizes[image]);
  return outside ? `${what} ${outside}` : out;
}

/** A stored list of corrections: the usable ones, and a message per refused one (the rest are kept). */
export function parseMarkCorrections(raw: unknown, images: number, sizes?: readonly (ImageSize | undefined)[]): { marks: MarkCorrection[]; refused: string[] } {
  if (raw === undefined || raw === null) return { marks: [], refused: [] };
  if (!Array.isArray(raw)) return { marks: [], refused: ['the mark corrections must be a list'] };
  const byKey = new Map<string, MarkCorrection>();
  const refused: string[] = [];
  for (const r of raw.slice(0, 64)) {
    const c = parseMarkCorrection(r, images, sizes);
    if (typeof c === 'string') refused.push(c);
    else if (byKey.has(markKey(c))) refused.push(`the ${markKey(c)} is corrected twice; the first is kept`);
    else byKey.set(markKey(c), c);
  }
  if (raw.length > 64) refused.push(`${raw.length - 64} mark corrections beyond the first 64 were left out (an item has at most 8 marks)`);
  return { marks: [...byKey.values()], refused };
}

/** `corrections` with `c` in place of the one of its colour and kind. */
export const withCorrection = (corrections: readonly MarkCorrection[], c: MarkCorrection): MarkCorrection[] => [...corrections.filter((x) => markKey(x) !== markKey(c)), c];

/**
 * The marks to measure with: each corrected colour and kind is the reviewer's mark (every found
 * candidate of it replaced), the others as found. A correction outside its image is not used, and
 * said.
 */
export function applyCorrections<F extends LocatedMark>(found: readonly F[], corrections: readonly MarkCorrection[], sizes: readonly (ImageSize | undefined)[] = []): { marks: (F | (MarkCorrection & LocatedMark))[]; refused: string[] } {
  const refused: string[] = [];
  const used = new Map<string, MarkCorrection>();
  for (const c of corrections) {
    const outside = outsideImage(c, sizes[c.image]);
    if (outside) refused.push(`the reviewer's ${markKey(c)} ${outside}; not used`);
    else used.set(markKey(c), c);
  }
  const marks: (F | (MarkCorrection & LocatedMark))[] = found.filter((f) => !used.has(markKey(f)));
  marks.push(...used.values());
  return { marks, refused };
}

/** A mark as the reviewer sees it on the photo: found, theirs, or one of several candidates to choose from. */
export interface ShownMark extends LocatedMark {
  state: 'found' | 'reviewer' | 'candidate';
}

export interface MarkStatus {
  /** Every mark to draw, with handles. */
  shown: ShownMark[];
  /** Named by the question, neither found nor placed. */
  missing: { color: MarkColour; kind: MarkKind }[];
  /** Found more than once and not yet chosen. */
  doubled: { color: MarkColour; kind: MarkKind; count: number }[];
}

/** What the reviewer sees of the marks the question names: the found ones with the corrections applied. */
export function markStatus(wanted: readonly { color: MarkColour; kind: MarkKind }[], found: readonly LocatedMark[], corrections: readonly MarkCorrection[]): MarkStatus {
  const fixed = new Map(corrections.map((c) => [markKey(c), c]));
  const shown: ShownMark[] = [];
  const missing: MarkStatus['missing'] = [];
  const doubled: MarkStatus['doubled'] = [];
  const keys = new Set([...wanted.map(markKey), ...found.map(markKey), ...fixed.keys()]);
  for (const key of keys) {
    const c = fixed.get(key);
    if (c) {
      shown.push({ ...c, state: 'reviewer' });
      continue;
    }
    const hits = found.filter((f) => markKey(f) === key);
    const [color, kind] = key.split(' ') as [MarkColour, MarkKind];
    if (!hits.length) missing.push({ color, kind });
    else if (hits.length > 1) doubled.push({ color, kind, count: hits.length });
    for (const h of hits) shown.push({ color: h.color, kind: h.kind, image: h.image, ...(h.uv ? { uv: h.uv } : {}), ...(h.box ? { box: h.box } : {}), state: hits.length > 1 ? 'candidate' : 'found' });
  }
  return { shown, missing, doubled };
}
