// QA items <-> SPAR-7M's training layout (docs/formats.md, SPAR-7M layout), so that what we generate can be fed
// to SPAR's own loader unchanged and SPAR-7M files can be imported.
//
// SPAR keeps the photos unmarked and draws the marks at load time (datasets/draw_marker.py), with
// a drawer chosen by `type`. Its arithmetic, which the conversion below is built around:
//   points: px = int(p / 1000 * W), a filled disc of radius 20 px centred on pixel px;
//   boxes:  x = p / 1000 * W, rectangle int(x1 - 17.5) … int(x2 + 17.5) with a 20 px stroke drawn
//           inwards, i.e. 7/8 of the stroke outside the box.
// Only element [0] of each mark list is drawn, and in multi-view records `point_img_idx[0]` /
// `bbox_img_idx[0]` say which image each colour goes on, in an order that depends on the task.
import { dict, setOwn, table } from '../../dict';
import type { Mark, MarkColour, QAFormat, QAItem } from '../types';
import { QA_SCHEMA } from '../types';

export interface ImageSize {
  width: number;
  height: number;
}

export type Spar7mPoint = [number, number];
export type Spar7mBox = [number, number, number, number];

export interface Spar7mTurn {
  from: 'human' | 'gpt';
  value: string;
}

/** One line of a SPAR-7M `qa_jsonl` file. Marks are integers on a 0–1000 scale of their image. */
export interface Spar7mRecord {
  id: string;
  conversations: Spar7mTurn[];
  image: string[];
  type: string;
  red_point?: Spar7mPoint[];
  blue_point?: Spar7mPoint[];
  green_point?: Spar7mPoint[];
  red_bbox?: Spar7mBox[];
  blue_bbox?: Spar7mBox[];
  green_bbox?: Spar7mBox[];
  yellow_bbox?: Spar7mBox[];
  point_img_idx?: number[][];
  bbox_img_idx?: number[][];
  [extra: string]: unknown;
}

type PointColour = 'red' | 'blue' | 'green';
const POINT_COLOURS: readonly PointColour[] = ['red', 'blue', 'green'];
const BOX_COLOURS: readonly MarkColour[] = ['red', 'blue', 'green', 'yellow'];
const pointKey = (c: MarkColour) => `${c}_point`;
const boxKey = (c: MarkColour) => `${c}_bbox`;
const MARK_KEYS = [...POINT_COLOURS.map(pointKey), ...BOX_COLOURS.map(boxKey)];

/** Fields toSpar7m writes itself; an item's extra field of the same name would be stale. */
const SPAR_OWN = new Set(['id', 'conversations', 'image', 'type', ...MARK_KEYS, 'point_img_idx', 'bbox_img_idx']);
const ITEM_CORE = new Set(['id', 'image', 'task', 'question', 'answer', 'spatial_lens']);

/** 20 px stroke × 7/8: how far outside the box SPAR starts its rectangle. */
const SPAR_BOX_EXTEND = 17.5;
/**
 * A coordinate this close to an integer permille value came from one (an imported record, up to
 * float noise): keep that value, so that import → export gives back the very same integers.
 */
const PERMILLE_EPS = 1e-6;

// `*_img_idx[0][k]` is the image of the k-th colour in these orders, counting only the colours the
// record has (obj_spatial_relation_oo_mv carries two of red/blue/green and indexes them so).
// Read from draw_marker.py: these tasks index in their own order; all others use red, blue, green(, yellow).
const POINT_IDX_ORDER = table<readonly MarkColour[]>({
  distance_infer_center_oo_mv: ['red', 'green', 'blue'],
});
const GBRY: readonly MarkColour[] = ['green', 'blue', 'red', 'yellow'];
const BOX_IDX_ORDER = table<readonly MarkColour[]>({
  spatial_imagination_oc_mv: GBRY,
  spatial_imagination_oo_mv: GBRY,
  spatial_imagination_oc_video: GBRY,
  spatial_imagination_oo_video: GBRY,
});
/** SPAR draws every box of this task on bbox_img_idx[0][0]. */
const SHARED_BOX_IMAGE = new Set(['obj_spatial_relation_oc_mv']);

const idxOrder = (task: string, kind: Mark['kind'], present: ReadonlySet<MarkColour>): MarkColour[] => {
  const order = kind === 'point' ? (POINT_IDX_ORDER[task] ?? POINT_COLOURS) : (BOX_IDX_ORDER[task] ?? BOX_COLOURS);
  return order.filter((c) => present.has(c));
};

const checkSize = (s: ImageSize | undefined, index: number, id: string): ImageSize => {
  if (!s || !(s.width > 0) || !(s.height > 0) || !Number.isFinite(s.width) || !Number.isFinite(s.height))
    throw new Error(`${id}: no valid size for image ${index} (got ${JSON.stringify(s)}); every image a mark is on needs its width and height`);
  return s;
};

/**
 * The integer permille value of continuous coordinate `x` on an axis of `size` pixels that SPAR
 * draws where `x` would be drawn: trunc(p / 1000 * size + offset) equals trunc(x + offset), with
 * offset 0 for points and ∓17.5 for box edges. Of floor/ceil of the exact value the nearer one
 * that does so wins; above 1000 px some pixels have no permille value at all, and then the
 * nearer one is used (off by at most half a permille step, size/2000 px). The float expression is SPAR's own, so it truncates
 * exactly as numpy does.
 */
function toPermille(x: number, size: number, offset: number): number {
  const exact = (x / size) * 1000;
  const nearest = Math.round(exact);
  if (Math.abs(exact - nearest) < PERMILLE_EPS) return nearest;
  const target = Math.trunc(x + offset);
  const lands = (p: number) => Math.trunc((p / 1000) * size + offset) === target;
  const lo = Math.floor(exact);
  const [a, b] = exact - lo <= 0.5 ? [lo, lo + 1] : [lo + 1, lo];
  if (lands(a)) return a;
  if (lands(b)) return b;
  return a;
}

const fromPermille = (p: number, size: number) => (p / 1000) * size;

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

function markImage(m: Mark, images: readonly ImageSize[], nImages: number, id: string): ImageSize {
  const i = m.image ?? 0;
  if (!Number.isInteger(i) || i < 0 || i >= nImages)
    throw new Error(`${id}: the ${m.color} ${m.kind} is on image ${i}, but the item has ${nImages} image(s)`);
  return checkSize(images[i], i, id);
}

function pointToSpar(m: Mark, size: ImageSize, id: string): Spar7mPoint {
  if (!m.uv || !isNum(m.uv[0]) || !isNum(m.uv[1])) throw new Error(`${id}: the ${m.color} point mark has no valid uv`);
  // OpenCV pixel centres sit at integers; SPAR's scale is continuous (pixel i spans [i, i+1))
  const x = m.uv[0] + 0.5;
  const y = m.uv[1] + 0.5;
  if (x < 0 || y < 0 || x > size.width || y > size.height)
    throw new Error(`${id}: the ${m.color} point (${m.uv[0]}, ${m.uv[1]}) lies outside its ${size.width}×${size.height} image`);
  return [toPermille(x, size.width, 0), toPermille(y, size.height, 0)];
}

function boxToSpar(m: Mark, size: ImageSize, id: string): Spar7mBox {
  if (!m.box || !m.box.every(isNum)) throw new Error(`${id}: the ${m.color} box mark has no valid box`);
  // Parts of a box beyond the image are never drawn, so clipping loses nothing and keeps 0–1000
  const clip = (v: number, max: number) => Math.min(max, Math.max(0, v));
  const [x1, y1, x2, y2] = [clip(m.box[0], size.width), clip(m.box[1], size.height), clip(m.box[2], size.width), clip(m.box[3], size.height)];
  if (x2 < x1 || y2 < y1) throw new Error(`${id}: the ${m.color} box [${m.box.join(', ')}] has x2 < x1 or y2 < y1`);
  return [
    toPermille(x1, size.width, -SPAR_BOX_EXTEND),
    toPermille(y1, size.height, -SPAR_BOX_EXTEND),
    toPermille(x2, size.width, SPAR_BOX_EXTEND),
    toPermille(y2, size.height, SPAR_BOX_EXTEND),
  ];
}

/**
 * An item as a SPAR-7M training record. `images[i]` is the size of `item.image[i]` (only the
 * images that carry marks are read). Top-level fields of the item beyond the QA core (such as an
 * imported record's `depth`) are passed through, so a SPAR-7M import exports unchanged.
 */
export function toSpar7m(item: QAItem, images: readonly ImageSize[], opts: { imagePaths?: readonly string[] } = {}): Spar7mRecord {
  const paths = opts.imagePaths ?? item.image;
  const out: Spar7mRecord = {
    id: item.id,
    conversations: [
      { from: 'human', value: item.question },
      { from: 'gpt', value: item.answer },
    ],
    image: [...paths],
    type: item.task,
  };
  for (const [k, v] of Object.entries(item)) if (!ITEM_CORE.has(k) && !SPAR_OWN.has(k)) setOwn(out, k, v);

  const points = new Map<MarkColour, Mark>();
  const boxes = new Map<MarkColour, Mark>();
  for (const m of item.spatial_lens.marks) {
    if (m.kind === 'point' && m.color === 'yellow')
      throw new Error(`${item.id}: SPAR-7M has no yellow point (only red, blue and green points); use a yellow box instead`);
    const seen = m.kind === 'point' ? points : boxes;
    if (seen.has(m.color)) {
      const key = m.kind === 'point' ? pointKey(m.color) : boxKey(m.color);
      throw new Error(`${item.id}: two ${m.color} ${m.kind} marks; SPAR draws only the first element of ${key}, so each colour can mark one object per kind`);
    }
    seen.set(m.color, m);
  }
  const nImages = Math.min(item.image.length, paths.length);
  for (const c of POINT_COLOURS) {
    const m = points.get(c);
    if (m) out[pointKey(c)] = [pointToSpar(m, markImage(m, images, nImages, item.id), item.id)];
  }
  for (const c of BOX_COLOURS) {
    const m = boxes.get(c);
    if (m) out[boxKey(c)] = [boxToSpar(m, markImage(m, images, nImages, item.id), item.id)];
  }
  const row = (kind: Mark['kind'], marks: Map<MarkColour, Mark>): number[] =>
    idxOrder(item.task, kind, new Set(marks.keys())).map((c) => marks.get(c)!.image ?? 0);
  // Single-view records carry no index lists, so they are written only where a mark names its image
  if ([...points.values()].some((m) => m.image !== undefined)) out.point_img_idx = [row('point', points)];
  if ([...boxes.values()].some((m) => m.image !== undefined)) {
    const r = row('box', boxes);
    if (SHARED_BOX_IMAGE.has(item.task) && r.some((i) => i !== r[0]))
      throw new Error(`${item.id}: SPAR draws every box of ${item.task} on one image, but these boxes are on images ${r.join(', ')}`);
    out.bbox_img_idx = [r];
  }
  return out;
}

export interface FromSpar7mOptions {
  /** The format directory the record came from (fill, select, sentence, judge); default sentence. */
  format?: QAFormat;
  /** Default: the id without its trailing `_<n>` (SPAR ids are `<scene>_<n>`). */
  scene?: string;
  /** Where the record was read from (docs/formats.md: an imported item gains `spatial_lens.source`). */
  source?: { file: string; line: number };
}

function readIdxRow(record: Spar7mRecord, key: 'point_img_idx' | 'bbox_img_idx'): number[] | undefined {
  const v = record[key];
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || !Array.isArray(v[0]) || !v[0].every((i) => Number.isInteger(i) && i >= 0))
    throw new Error(`${record.id}: ${key} should be [[image index, …]], got ${JSON.stringify(v)}`);
  return v[0];
}

function readMarkList(record: Spar7mRecord, key: string, n: number): number[][] {
  const v = record[key];
  if (v === undefined) return [];
  if (!Array.isArray(v) || !v.every((e) => Array.isArray(e) && e.length === n && e.every(isNum)))
    throw new Error(`${record.id}: ${key} should be a list of ${n}-number lists, got ${JSON.stringify(v)}`);
  return v as number[][];
}

/**
 * A SPAR-7M training record as a QA item, marks in our pixel conventions. `images[i]` is the size
 * of `record.image[i]`. Every field we do not interpret (such as `depth`) is kept untouched at
 * the top level. Every element of a mark list becomes a mark, though SPAR draws only the first:
 * an item with two of one colour is then refused on export rather than silently cut.
 */
export function fromSpar7m(record: Spar7mRecord, images: readonly ImageSize[], opts: FromSpar7mOptions = {}): QAItem {
  const id = record.id;
  if (typeof id !== 'string') throw new Error(`A SPAR-7M record needs a string id, got ${JSON.stringify(id)}`);
  const conv = record.conversations;
  if (
    !Array.isArray(conv) ||
    conv.length !== 2 ||
    conv[0]?.from !== 'human' ||
    conv[1]?.from !== 'gpt' ||
    typeof conv[0].value !== 'string' ||
    typeof conv[1].value !== 'string'
  )
    throw new Error(`${id}: only single-turn conversations ([human, gpt]) can be imported, got ${JSON.stringify(conv)}`);
  if (typeof record.type !== 'string') throw new Error(`${id}: the record has no type (task id)`);
  const paths = record.image;
  if (!Array.isArray(paths) || !paths.every((p) => typeof p === 'string'))
    throw new Error(`${id}: image should be a list of paths, got ${JSON.stringify(paths)}`);

  const extras = dict<unknown>();
  for (const [k, v] of Object.entries(record)) {
    if (SPAR_OWN.has(k)) continue;
    if (ITEM_CORE.has(k)) throw new Error(`${id}: the record's own field "${k}" would collide with the QA item's "${k}"`);
    extras[k] = v;
  }

  const marks: Mark[] = [];
  const place = (kind: Mark['kind'], colours: readonly MarkColour[], key: (c: MarkColour) => string, n: number) => {
    const lists = new Map<MarkColour, number[][]>();
    for (const c of colours) {
      const l = readMarkList(record, key(c), n);
      if (l.length) lists.set(c, l);
    }
    const idxKey = kind === 'point' ? 'point_img_idx' : 'bbox_img_idx';
    const row = readIdxRow(record, idxKey);
    const imageOf = new Map<MarkColour, number>();
    if (row) {
      const order = idxOrder(record.type, kind, new Set(lists.keys()));
      order.forEach((c, k) => {
        const i = SHARED_BOX_IMAGE.has(record.type) && kind === 'box' ? row[0] : row[k];
        if (i === undefined) throw new Error(`${id}: ${idxKey} ${JSON.stringify(record[idxKey])} names no image for the ${c} ${kind}`);
        imageOf.set(c, i);
      });
    }
    for (const [c, list] of lists) {
      const i = imageOf.get(c);
      if (i !== undefined && i >= paths.length) throw new Error(`${id}: the ${c} ${kind} is on image ${i}, but the record has ${paths.length} image(s)`);
      const size = checkSize(images[i ?? 0], i ?? 0, id);
      for (const p of list) {
        const m: Mark = { kind, color: c };
        if (kind === 'point') m.uv = [fromPermille(p[0], size.width) - 0.5, fromPermille(p[1], size.height) - 0.5];
        else m.box = [fromPermille(p[0], size.width), fromPermille(p[1], size.height), fromPermille(p[2], size.width), fromPermille(p[3], size.height)];
        if (i !== undefined) m.image = i;
        marks.push(m);
      }
    }
  };
  place('point', POINT_COLOURS, pointKey, 2);
  place('box', BOX_COLOURS, boxKey, 4);

  const spatial_lens: QAItem['spatial_lens'] = {
    schema: QA_SCHEMA,
    format: opts.format ?? 'sentence',
    objects: [],
    marks,
    evidence: {},
    scene: opts.scene ?? id.replace(/_\d+$/, ''),
    // The type requires a generator; this one says the item was read, not generated
    generator: { name: 'spatial-lens', version: 'import:spar7m', seed: 0 },
  };
  if (opts.source) spatial_lens.source = opts.source;
  return {
    id,
    image: [...paths],
    task: record.type,
    question: conv[0].value,
    answer: conv[1].value,
    ...extras,
    spatial_lens,
  };
}

/**
 * Items as the text of one SPAR-7M `.jsonl` file (one record a line, ending in a newline).
 * `sizeOf` is asked only for the images that carry marks.
 */
export function spar7mLines(items: readonly QAItem[], sizeOf: (image: string) => ImageSize): string {
  const unused: ImageSize = { width: 0, height: 0 };
  return items
    .map((item) => {
      const marked = new Set(item.spatial_lens.marks.map((m) => m.image ?? 0));
      const sizes = item.image.map((name, i) => (marked.has(i) ? sizeOf(name) : unused));
      return JSON.stringify(toSpar7m(item, sizes)) + '\n';
    })
    .join('');
}

const SPLIT_RE = /^[A-Za-z0-9._-]+$/;

/**
 * The directory (relative to `spar/<dataset>/`) that SPAR's index script expects a task's file
 * in: `qa_jsonl/<split>/<task>/<format>/`. `judge` is a directory of SPAR-7M's own
 * (data_jsons list `obj_spatial_relation_oo[_mv]/judge/judge_<n>.jsonl`), so it is kept as is.
 * SPAR's script reads exactly two levels below the split, so a task id with `/` (HiSpatial's
 * `hispatial/L1/…`) becomes one directory with each `/` written as `__`.
 */
export function spar7mPath(task: string, format: QAFormat, split = 'train'): string {
  if (!SPLIT_RE.test(split) || /^\.+$/.test(split)) throw new Error(`"${split}" is not a usable split name`);
  if (!['fill', 'select', 'sentence', 'judge'].includes(format)) throw new Error(`"${format}" is not a QA format`);
  const parts = task.split('/');
  if (parts.some((p) => !SPLIT_RE.test(p) || /^\.+$/.test(p))) throw new Error(`Task id "${task}" cannot be a directory name`);
  const dir = parts.join('__');
  return `qa_jsonl/${split}/${dir}/${format}/`;
}

/** SPAR's index script reads the record count from the name's last `_<n>` and renames a file whose count is wrong. */
export function spar7mFileName(format: QAFormat, count: number): string {
  if (!Number.isInteger(count) || count < 0) throw new Error(`A record count must be a whole number, got ${count}`);
  return `${format}_${count}.jsonl`;
}

// What draw_marker.py's drawer for each type reads. `any` lists boxes drawn when present
// (obj_spatial_relation_oc_mv) or of which exactly two are present (…_oo_mv).
interface SparDrawer {
  keys: string[];
  idx?: 'point_img_idx' | 'bbox_img_idx';
  any?: { keys: string[]; exactly?: number };
}
const P = (...c: MarkColour[]) => c.map(pointKey);
const B = (...c: MarkColour[]) => c.map(boxKey);
const NONE: SparDrawer = { keys: [] };
const SPAR_DRAWERS = table<SparDrawer>({
  obj_spatial_relation_oo: { keys: B('red', 'blue') },
  depth_prediction_oc: { keys: P('red', 'blue') },
  depth_prediction_oo: { keys: P('red', 'blue', 'green') },
  distance_prediction_oc: { keys: P('red') },
  distance_prediction_oo: { keys: P('red', 'blue') },
  distance_infer_center_oc: NONE,
  distance_infer_center_oo: { keys: P('red', 'blue', 'green') },
  spatial_volume_infer: { keys: B('red') },
  spatial_imagination_oc: { keys: B('red', 'blue', 'green') },
  spatial_imagination_oo: { keys: B('red', 'blue', 'green', 'yellow') },
  position_matching: { keys: B('red') },
  view_change_infer: NONE,
  depth_prediction_oc_mv: { keys: P('red', 'blue'), idx: 'point_img_idx' },
  depth_prediction_oo_mv: { keys: P('red', 'blue', 'green'), idx: 'point_img_idx' },
  distance_prediction_oc_mv: { keys: P('red'), idx: 'point_img_idx' },
  distance_prediction_oo_mv: { keys: P('red', 'blue'), idx: 'point_img_idx' },
  obj_spatial_relation_oc_mv: { keys: [], idx: 'bbox_img_idx', any: { keys: B('red', 'blue', 'green') } },
  obj_spatial_relation_oo_mv: { keys: [], idx: 'bbox_img_idx', any: { keys: B('red', 'blue', 'green'), exactly: 2 } },
  distance_infer_center_oc_mv: NONE,
  distance_infer_center_oo_mv: { keys: P('red', 'green', 'blue'), idx: 'point_img_idx' },
  spatial_imagination_oc_mv: { keys: B('red', 'blue', 'green'), idx: 'bbox_img_idx' },
  spatial_imagination_oo_mv: { keys: B('red', 'blue', 'green', 'yellow'), idx: 'bbox_img_idx' },
  camera_motion_infer: NONE,
  distance_prediction_oo_video: { keys: P('red', 'blue'), idx: 'point_img_idx' },
  spatial_imagination_oo_video: { keys: B('red', 'blue', 'green', 'yellow'), idx: 'bbox_img_idx' },
  spatial_imagination_oc_video: { keys: B('red', 'blue', 'green'), idx: 'bbox_img_idx' },
  spatial_imagination_oc_video_hard: NONE,
  spatial_imagination_oo_video_hard: NONE,
  obj_frame_locate: { keys: B('red'), idx: 'bbox_img_idx' },
  appearance_order: NONE,
  room_size: NONE,
  obj_count: NONE,
  nav: NONE,
  // spatial_imagination_map_mv and distance_infer_center_oo_video draw from bbox_list / point_list,
  // which are not coloured marks; they are left out so that they are reported.
});

/**
 * Why SPAR's loader would fail on a record or draw something other than what the question
 * refers to (empty when it draws exactly the record's marks). Worth checking before a training
 * export: SPAR's toy loader raises on an unknown type, and a mark its drawer does not read is
 * simply never shown to the model.
 */
export function spar7mIssues(record: Spar7mRecord): string[] {
  const d = SPAR_DRAWERS[record.type];
  if (!d) return [`SPAR's draw_marker has no drawer for type "${record.type}"; its loader raises "Unsupported data type"`];
  const issues: string[] = [];
  const has = (k: string) => Array.isArray(record[k]) && (record[k] as unknown[]).length > 0;
  for (const k of d.keys) if (!has(k)) issues.push(`${record.type} draws ${k}, which the record lacks`);
  const drawn = new Set([...d.keys, ...(d.any?.keys ?? [])]);
  for (const k of MARK_KEYS) if (has(k) && !drawn.has(k)) issues.push(`${record.type} does not draw ${k}: the model would never see that mark`);
  if (d.any?.exactly !== undefined) {
    const n = d.any.keys.filter(has).length;
    if (n !== d.any.exactly) issues.push(`${record.type} expects exactly ${d.any.exactly} of ${d.any.keys.join(', ')}, the record has ${n}`);
  }
  if (d.idx && !Array.isArray(record[d.idx])) issues.push(`${record.type} needs ${d.idx}, which the record lacks`);
  for (const k of MARK_KEYS) if (has(k) && (record[k] as unknown[]).length > 1) issues.push(`${k} has ${(record[k] as unknown[]).length} elements; SPAR draws only the first`);
  return issues;
}
