// Importing COCO instance annotations onto the images the user has loaded.
import { isUserError } from '../errors';
import { COCO_CATEGORIES } from './cocoCategories';
import { isSimplePolygon, polygonBbox } from './polygon';
import { rleBbox, rleCounts } from './rle';
import type { Annotation2D, BBox, CocoRle, ImportProblem } from './types';

export interface ImageInfo {
  name: string;
  width: number;
  height: number;
}

export interface CocoImport {
  /** Accepted annotations by image name; images with none accepted are absent. */
  byImage: Map<string, Annotation2D[]>;
  /** Category names by id: the file's list, or COCO's 80 when it has none. */
  categories: Map<number, string>;
  problems: ImportProblem[];
  /** Number of entries in the file's annotation list. */
  total: number;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

const PROGRESS_EVERY = 1000;

/**
 * Reads COCO instance annotations: a full file `{images, annotations, categories}` or a bare list
 * of annotations. Annotations go to the provided images they belong to; everything wrong is
 * reported in `problems` (with where and what) and the rest is still imported.
 */
export function parseCocoAnnotations(
  json: unknown,
  images: ImageInfo[],
  onProgress?: (done: number, total: number) => void,
): CocoImport {
  const problems: ImportProblem[] = [];
  const byImage = new Map<string, Annotation2D[]>();
  const error = (where: string, message: string) => problems.push({ where, message, severity: 'error' });
  const warn = (where: string, message: string) => problems.push({ where, message, severity: 'warning' });

  let anns: unknown[];
  let file: Json | undefined;
  if (Array.isArray(json)) {
    anns = json;
  } else if (isObject(json) && Array.isArray(json.annotations)) {
    anns = json.annotations;
    file = json;
  } else {
    error('file', `Not a COCO instances file: expected a JSON object with an "annotations" list (and usually "images" and "categories"), or a JSON list of annotations; found ${describe(json)}.`);
    return { byImage, categories: defaultCategories(), problems, total: 0 };
  }
  const total = anns.length;
  if (total === 0) {
    error('file', 'The file holds no annotations: its annotation list is empty.');
    return { byImage, categories: readCategories(file, () => {}), problems, total };
  }
  if (isObject(anns[0]) && 'segments_info' in anns[0]) {
    error('file', 'This is a COCO panoptic file (its annotations hold "segments_info" and refer to label PNGs); import the COCO instances file (instances_*.json) instead.');
    return { byImage, categories: readCategories(file, () => {}), problems, total };
  }

  const categories = file ? readCategories(file, warn) : defaultCategories();
  const resolveImage = file && Array.isArray(file.images)
    ? imagesByFileName(file.images, images, warn)
    : imagesByNumber(anns, images, file === undefined, warn);

  // Annotations for images that were not provided are counted per image and reported once each.
  const missing = new Map<string, { where: string; message: string; count: number }>();
  const seenIds = new Map<string, number>();

  for (let i = 0; i < total; i++) {
    if (onProgress && i > 0 && i % PROGRESS_EVERY === 0) onProgress(i, total);
    const a = anns[i];
    if (!isObject(a)) {
      error(`annotation #${i + 1}`, `Entry ${i + 1} of the annotation list is ${describe(a)}, not an annotation object; it was skipped.`);
      continue;
    }
    let id: string;
    if (isFiniteNumber(a.id) || (typeof a.id === 'string' && a.id !== '')) {
      id = String(a.id);
    } else {
      id = `#${i + 1}`;
      warn(`annotation #${i + 1}`, `Entry ${i + 1} has no "id"; it was given the id "${id}".`);
    }
    const where = `annotation ${id}`;
    const first = seenIds.get(id);
    if (first !== undefined) {
      error(where, `Duplicate annotation id ${id} (entry ${i + 1}; the first is entry ${first + 1}); this later one was skipped.`);
      continue;
    }
    seenIds.set(id, i);

    const target = resolveImage(a.image_id);
    if (!('image' in target)) {
      const m = missing.get(target.key);
      if (m) m.count++;
      else missing.set(target.key, { where: target.where, message: target.message, count: 1 });
      continue;
    }
    const image = target.image;

    let ok = true;
    const categoryId = a.category_id;
    const category = isFiniteNumber(categoryId) ? categories.get(categoryId) : undefined;
    if (category === undefined) {
      error(where, `Unknown category_id ${JSON.stringify(categoryId)}: the categories list has no such id; the annotation was skipped.`);
      ok = false;
    }

    const seg = readSegmentation(a.segmentation, image, where, error, warn);
    if (seg === null) ok = false;

    let bbox: BBox | null = null;
    if (a.bbox === undefined || a.bbox === null) {
      if (seg?.polygons) bbox = polygonBbox(seg.polygons);
      else if (seg?.rle) bbox = rleBbox(seg.rle);
      else if (ok) {
        error(where, 'The annotation has neither a "bbox" nor a "segmentation"; it was skipped.');
        ok = false;
      }
      if (bbox && (bbox[2] <= 0 || bbox[3] <= 0)) {
        error(where, 'The annotation has no "bbox" and its segmentation covers no area; it was skipped.');
        ok = false;
        bbox = null;
      }
    } else {
      bbox = readBbox(a.bbox, where, error);
      if (!bbox) ok = false;
    }
    if (bbox) {
      bbox = clipBbox(bbox, image, where, error, warn);
      if (!bbox) ok = false;
    }
    if (!ok || !bbox || category === undefined || seg === null) continue;

    const ann: Annotation2D = {
      id,
      category,
      categoryId: categoryId as number,
      bbox,
      iscrowd: a.iscrowd === 1 || a.iscrowd === true,
      source: 'annotated',
    };
    if (seg) ann.segmentation = seg;
    let list = byImage.get(image.name);
    if (!list) byImage.set(image.name, (list = []));
    list.push(ann);
  }

  for (const m of missing.values()) {
    error(m.where, `${m.count} annotation${m.count === 1 ? ' is' : 's are'} ${m.message}`);
  }
  onProgress?.(total, total);
  return { byImage, categories, problems, total };
}

type Report = (where: string, message: string) => void;
type Resolved = { image: ImageInfo } | { key: string; where: string; message: string };

function defaultCategories(): Map<number, string> {
  return new Map(COCO_CATEGORIES.map((c) => [c.id, c.name]));
}

function readCategories(file: Json | undefined, warn: Report): Map<number, string> {
  const list = file?.categories;
  if (!Array.isArray(list) || list.length === 0) {
    if (file) warn('categories', 'The file has no "categories" list; COCO\'s 80 instance categories (ids 1–90) were used.');
    return defaultCategories();
  }
  const map = new Map<number, string>();
  list.forEach((c, k) => {
    if (isObject(c) && isFiniteNumber(c.id) && typeof c.name === 'string' && c.name !== '') {
      if (map.has(c.id)) warn(`category ${c.id}`, `Category id ${c.id} is listed twice; the first name, "${map.get(c.id)}", was kept.`);
      else map.set(c.id, c.name);
    } else {
      warn(`category #${k + 1}`, `Entry ${k + 1} of the categories list is not {"id": number, "name": string}; it was ignored.`);
    }
  });
  return map;
}

const basename = (path: string) => path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
const stem = (name: string) => {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
};

/** Matches COCO images to provided ones by file name (basename), else by the same stem. */
function imagesByFileName(cocoImages: unknown[], images: ImageInfo[], warn: Report): (imageId: unknown) => Resolved {
  const byName = new Map<string, ImageInfo>();
  const byStem = new Map<string, ImageInfo | null>(); // null: several images share the stem
  for (const im of images) {
    const base = basename(im.name);
    if (!byName.has(base)) byName.set(base, im);
    const s = stem(base);
    byStem.set(s, byStem.has(s) ? null : im);
  }
  const byId = new Map<string, Resolved>();
  cocoImages.forEach((c, k) => {
    if (!isObject(c) || (!isFiniteNumber(c.id) && typeof c.id !== 'string') || typeof c.file_name !== 'string') {
      warn(`image #${k + 1}`, `Entry ${k + 1} of the images list is not {"id", "file_name"}; annotations for it cannot be placed.`);
      return;
    }
    const key = idKey(c.id);
    if (byId.has(key)) {
      warn(`image ${key}`, `Image id ${key} is listed twice in the images list; the first entry was used.`);
      return;
    }
    const file = basename(c.file_name);
    const image = byName.get(file) ?? byStem.get(stem(file)) ?? undefined;
    if (!image) {
      byId.set(key, { key, where: file, message: `for image "${file}" (image_id ${key}), which was not provided; add it to import them.` });
      return;
    }
    if (isFiniteNumber(c.width) && isFiniteNumber(c.height) && (c.width !== image.width || c.height !== image.height)) {
      warn(
        image.name,
        `The COCO file gives "${file}" as ${c.width}×${c.height} pixels but the image is ${image.width}×${image.height}; its annotations were used unscaled and may not line up.`,
      );
    }
    byId.set(key, { image });
  });
  return (imageId) => {
    const key = idKey(imageId);
    if (key === '') return { key, where: 'image_id', message: 'without an image_id, so they cannot be placed.' };
    return (
      byId.get(key) ?? {
        key: `unlisted:${key}`,
        where: `image_id ${key}`,
        message: `for image_id ${key}, which the file's images list does not have.`,
      }
    );
  };
}

/** The number at the end of a file's stem: "000000039769.png" and "COCO_val2014_000000039769.jpg" give 39769. */
function numberInName(name: string): number | undefined {
  const m = /(\d+)$/.exec(stem(basename(name)));
  return m ? Number(m[1]) : undefined;
}

/**
 * Without an images list, an image_id can only be matched to the number in an image's name (COCO
 * names its files by id); with a single image provided, a list for a single image_id is taken to
 * be for it. Either way the user is told, since the file itself names no image.
 */
function imagesByNumber(anns: unknown[], images: ImageInfo[], bare: boolean, warn: Report): (imageId: unknown) => Resolved {
  const byNumber = new Map<number, ImageInfo | null>();
  for (const im of images) {
    const n = numberInName(im.name);
    if (n !== undefined) byNumber.set(n, byNumber.has(n) ? null : im);
  }
  const ids = new Set<string>();
  for (const a of anns) if (isObject(a)) ids.add(idKey(a.image_id));

  const assigned = new Map<string, ImageInfo>();
  for (const key of ids) {
    const n = key === '' ? NaN : Number(key);
    const image = byNumber.get(n);
    if (image) assigned.set(key, image);
  }
  const what = bare ? 'The file is a bare list of annotations, which names no image files' : 'The file has no "images" list';
  const cats = bare ? '; categories are COCO\'s 80 instance categories' : '';
  if (images.length === 1 && assigned.size === 0 && ids.size === 1) {
    const [key] = ids;
    assigned.set(key, images[0]);
    const idText = key === '' ? 'no image_id' : `image_id ${key}`;
    warn(images[0].name, `${what}: all its annotations (${idText}) were given to the only image provided, "${images[0].name}"${cats}.`);
  } else if (assigned.size > 0) {
    const pairs = [...assigned].slice(0, 5).map(([key, im]) => `image_id ${key} → "${im.name}"`);
    const more = assigned.size > 5 ? ` and ${assigned.size - 5} more` : '';
    warn(
      images.length === 1 ? images[0].name : 'images',
      `${what}: annotations were matched to images by the number in the image's name (${pairs.join(', ')}${more})${cats}.`,
    );
  } else if (bare) {
    warn('file', `${what}; none of its image_ids matches the number in a provided image's name${cats}.`);
  }
  return (imageId) => {
    const key = idKey(imageId);
    const image = assigned.get(key);
    if (image) return { image };
    if (key === '') return { key, where: 'image_id', message: 'without an image_id, and more than one image could be meant.' };
    return {
      key,
      where: `image_id ${key}`,
      message: `for image_id ${key}, which matches no provided image (without file names, an image is matched by the number in its name, e.g. 000000039769.jpg for image_id 39769).`,
    };
  };
}

/** image_id as a map key: 39769 and "39769" are the same image; '' when there is none. */
function idKey(v: unknown): string {
  if (isFiniteNumber(v)) return String(v);
  if (typeof v !== 'string' || v === '') return '';
  const n = Number(v);
  return Number.isFinite(n) ? String(n) : v;
}

type Segmentation = NonNullable<Annotation2D['segmentation']>;

/** The annotation's segmentation; undefined when it has none, null when it is unusable (reported). */
function readSegmentation(seg: unknown, image: ImageInfo, where: string, error: Report, warn: Report): Segmentation | undefined | null {
  if (seg === undefined || seg === null || (Array.isArray(seg) && seg.length === 0)) return undefined;
  if (Array.isArray(seg)) {
    // Some tools write a single polygon as one flat list.
    const parts = typeof seg[0] === 'number' ? [seg] : seg;
    if (parts !== seg) warn(where, 'The segmentation is one flat list of numbers; it was read as a single polygon.');
    const polygons: number[][] = [];
    const degenerate: number[] = [];
    for (let q = 0; q < parts.length; q++) {
      const p = parts[q];
      if (!Array.isArray(p) || !p.every(isFiniteNumber)) {
        error(where, `Polygon ${q + 1} of the segmentation is not a list of numbers [x0, y0, x1, y1, …]; the annotation was skipped.`);
        return null;
      }
      if (p.length % 2 !== 0) {
        error(where, `Polygon ${q + 1} has an odd number of coordinates (${p.length}); the annotation was skipped.`);
        return null;
      }
      if (p.length < 6) {
        degenerate.push(q + 1);
        continue;
      }
      if (!isSimplePolygon(p)) {
        warn(where, `Polygon ${q + 1} crosses itself; it was kept and is filled by the even-odd rule.`);
      }
      polygons.push(p);
    }
    if (degenerate.length > 0) {
      const which = degenerate.length === 1 ? `Polygon ${degenerate[0]} has` : `Polygons ${degenerate.join(', ')} have`;
      if (polygons.length === 0) {
        error(where, `${which} fewer than 3 points, so the annotation has no area; it was skipped.`);
        return null;
      }
      warn(where, `${which} fewer than 3 points and ${degenerate.length === 1 ? 'was' : 'were'} dropped; the other polygons were kept.`);
    }
    return { polygons };
  }
  if (isObject(seg) && 'counts' in seg) {
    const size = seg.size;
    if (!Array.isArray(size) || size.length !== 2 || !size.every((v) => Number.isInteger(v) && (v as number) >= 0)) {
      error(where, `The RLE "size" ${JSON.stringify(size)} is not [height, width]; the annotation was skipped.`);
      return null;
    }
    const [h, w] = size as [number, number];
    if (h !== image.height || w !== image.width) {
      error(
        where,
        `The RLE mask is ${w}×${h} pixels (size [${h}, ${w}]) but the image "${image.name}" is ${image.width}×${image.height}; the annotation was skipped.`,
      );
      return null;
    }
    const counts = seg.counts;
    if (typeof counts !== 'string' && !(Array.isArray(counts) && counts.every((c) => typeof c === 'number'))) {
      error(where, 'The RLE "counts" is neither a compressed string nor a list of run lengths; the annotation was skipped.');
      return null;
    }
    const rle: CocoRle = { size: [h, w], counts };
    try {
      rleCounts(rle);
    } catch (e) {
      if (!isUserError(e)) throw e;
      error(where, `${e.message} The annotation was skipped.`);
      return null;
    }
    return { rle };
  }
  error(where, 'The segmentation is neither a list of polygons nor an RLE {"counts", "size"}; the annotation was skipped.');
  return null;
}

function readBbox(raw: unknown, where: string, error: Report): BBox | null {
  if (!Array.isArray(raw) || raw.length !== 4 || !raw.every(isFiniteNumber)) {
    error(where, `The bbox ${short(raw)} is not four finite numbers [x, y, width, height]; the annotation was skipped.`);
    return null;
  }
  const [x, y, w, h] = raw as number[];
  if (w <= 0 || h <= 0) {
    error(where, `The bbox [${raw.join(', ')}] has a zero or negative width or height; the annotation was skipped.`);
    return null;
  }
  return [x, y, w, h];
}

/**
 * The box within the image. Overshoots of floating-point noise (x + w = 640.0000000001) are left
 * as they are; real ones are clipped with a warning, and a box with nothing inside is an error.
 */
function clipBbox(b: BBox, image: ImageInfo, where: string, error: Report, warn: Report): BBox | null {
  const W = image.width, H = image.height;
  const [x, y, w, h] = b;
  const eps = 1e-6 * Math.max(W, H, 1);
  if (x >= W - eps || y >= H - eps || x + w <= eps || y + h <= eps) {
    error(where, `The bbox [${b.join(', ')}] lies entirely outside the ${W}×${H} image "${image.name}"; the annotation was skipped.`);
    return null;
  }
  if (x >= -eps && y >= -eps && x + w <= W + eps && y + h <= H + eps) return b;
  const x0 = Math.max(0, x), y0 = Math.max(0, y);
  const x1 = Math.min(W, x + w), y1 = Math.min(H, y + h);
  const clipped: BBox = [x0, y0, x1 - x0, y1 - y0];
  warn(where, `The bbox [${b.join(', ')}] reaches outside the ${W}×${H} image; it was clipped to [${clipped.map(round).join(', ')}].`);
  return clipped;
}

const round = (v: number) => Math.round(v * 1000) / 1000;

function short(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') {
    const keys = Object.keys(v as object);
    return keys.length === 0 ? 'an empty object' : `an object with ${keys.slice(0, 5).map((k) => `"${k}"`).join(', ')}${keys.length > 5 ? ', …' : ''}`;
  }
  if (typeof v === 'string') return 'a string';
  return `a ${typeof v}`;
}
