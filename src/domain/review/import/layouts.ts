// The three record layouts an import reads, each to a QA item (docs/formats.md, QA item) and back:
//   - our own QA item (`spatial_lens.schema` = spatial-lens/qa@1);
//   - a SPAR-7M training record (`conversations` + `type`, docs/formats.md, SPAR-7M layout), via fromSpar7m;
//   - a SPAR-Bench row (`id`, `format_type`, `task`, `image`, `question`, `answer`, docs/formats.md, SPAR-Bench layout),
//     from JSONL (image = file names) or parquet (parquet.ts has already replaced the embedded
//     images by file names).
// An imported item keeps every field it came with and gains `spatial_lens.source`; exporting it
// (sourceRecord) writes it back in its source's own layout, so that importing the export gives
// the same item back.
import { setOwn } from '../../dict';
import { fromSpar7m, toSpar7m, type ImageSize, type Spar7mRecord } from '../../qa/export/sparLayout';
import type { QAFormat, QAItem } from '../../qa/types';
import { QA_SCHEMA } from '../../qa/types';
import { isOversized } from '../longText';
import { REVIEW_SCHEMA, importedId, type ItemFlag, type ItemSource, type ReviewDecision, type SourceLayout, type Verdict } from '../types';

export const QA_FORMATS: readonly QAFormat[] = ['fill', 'select', 'sentence', 'judge'];
const isFormat = (f: unknown): f is QAFormat => typeof f === 'string' && (QA_FORMATS as readonly string[]).includes(f);

/** The scale marks are read with when an image's size is unknown: 0–1000 maps onto 1000 px. */
export const UNKNOWN_IMAGE_SIZE: ImageSize = Object.freeze({ width: 1000, height: 1000 });

/** A record that cannot be imported; the message says why, for the person importing. */
export class RecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordError';
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
const show = (v: unknown): string => {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 80 ? `${s.slice(0, 77)}…` : s;
};

const QA_SCHEMA_PREFIX = 'spatial-lens/qa@';

/**
 * Which layout a parsed record is in. Throws a RecordError when it is none of them, or when it is
 * a Spatial Lens item of a major version this reader does not know (it never guesses).
 */
export function detectLayout(record: unknown): SourceLayout {
  if (!isObj(record)) throw new RecordError(`expected a JSON object (a QA item), got ${Array.isArray(record) ? 'an array' : show(record)}`);
  const sl = record.spatial_lens;
  if (isObj(sl) && sl.schema !== undefined) {
    if (typeof sl.schema !== 'string' || !sl.schema.startsWith(QA_SCHEMA_PREFIX))
      throw new RecordError(`spatial_lens.schema is ${show(sl.schema)}, which is not a QA item (expected "${QA_SCHEMA}")`);
    const major = sl.schema.slice(QA_SCHEMA_PREFIX.length).split('.')[0];
    if (major !== '1')
      throw new RecordError(`spatial_lens.schema is "${sl.schema}"; this version of Spatial Lens reads ${QA_SCHEMA} only (was the file written by a newer version?)`);
    return 'spatial-lens';
  }
  if ('conversations' in record && 'type' in record) return 'spar7m';
  if ('format_type' in record && 'question' in record && 'task' in record) return 'spar-bench';
  // a row that is plainly SPAR-Bench's but lacks a field: name the field
  if ('format_type' in record && ('task' in record || 'question' in record)) {
    const lacks = ['task', 'question', 'answer', 'image'].filter((k) => !Object.hasOwn(record, k));
    throw new RecordError(`a SPAR-Bench row needs task, question, answer and image; this one lacks ${lacks.join(' and ')}`);
  }
  throw new RecordError(
    'not a QA item: expected a Spatial Lens QA item (spatial_lens.schema), a SPAR-7M record (conversations, type) or a SPAR-Bench row (id, format_type, task, image, question, answer)',
  );
}

/** The image references of a record (its `image` list), before import: what the importer resolves. */
export function recordImages(record: unknown): string[] {
  if (!isObj(record)) return [];
  const im = record.image;
  return isStringList(im) ? im : typeof im === 'string' ? [im] : [];
}

const MARK_FIELDS = ['red_point', 'blue_point', 'green_point', 'red_bbox', 'blue_bbox', 'green_bbox', 'yellow_bbox'];
/** Whether a SPAR-7M record carries marks, and so needs its images' sizes. */
export const spar7mHasMarks = (record: unknown): boolean =>
  isObj(record) && MARK_FIELDS.some((k) => Array.isArray(record[k]) && (record[k] as unknown[]).length > 0);

/** The format directory (`…/<fill|select|sentence|judge>/…`) in a SPAR-7M file's path, if any. */
export function formatFromPath(path: string): QAFormat | undefined {
  const dirs = path.split(/[\\/]/).slice(0, -1);
  for (let i = dirs.length - 1; i >= 0; i--) if (isFormat(dirs[i])) return dirs[i] as QAFormat;
  return undefined;
}

const OPTION_LETTERS = 'ABCDEF';
/** Where option `L`'s marker ("A. ", "A) ", "(A) ", "A: ") starts and its text begins, from `from` on. */
const MARKER_RE = new Map([...OPTION_LETTERS].map((l) => [l, new RegExp(`(^|[\\s;:,\\[])(\\(?${l}[.):]\\s+)`, 'g')] as const));
function findMarker(text: string, letter: string, from: number): { at: number; body: number } | undefined {
  const re = MARKER_RE.get(letter)!;
  re.lastIndex = from;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const at = m.index + m[1].length;
    if (at >= from) return { at, body: at + m[2].length };
    re.lastIndex = m.index + 1;
  }
  return undefined;
}

const cleanOption = (s: string) => s.replace(/[\s;,.]+$/, '').trim();
/** The last option ends at a line break or at a sentence that follows it ("6.5. Your answer…"). */
const lastOptionEnd = (s: string): number => {
  const m = /\n|\.\s+(?=[A-Z])/.exec(s);
  return m ? m.index : s.length;
};

/**
 * The lettered options of a multiple-choice question whose options are in its text (SPAR-Bench's
 * `select` rows), as `["A. …", "B. …", …]`; undefined when fewer than two are found. Reads the
 * last run of markers A, B, C… so a stray "A." earlier in the stem is passed over. The question
 * itself is never changed.
 */
export function parseOptions(question: string): string[] | undefined {
  const starts: { at: number; body: number }[] = [];
  for (let m = findMarker(question, 'A', 0); m; m = findMarker(question, 'A', m.at + 1)) starts.push(m);
  for (let s = starts.length - 1; s >= 0; s--) {
    const found = [starts[s]];
    for (let k = 1; k < OPTION_LETTERS.length; k++) {
      const next = findMarker(question, OPTION_LETTERS[k], found[k - 1].body);
      if (!next) break;
      found.push(next);
    }
    if (found.length < 2) continue;
    const opts = found.map((m, k) => {
      const body = k + 1 < found.length ? question.slice(m.body, found[k + 1].at) : question.slice(m.body, m.body + lastOptionEnd(question.slice(m.body)));
      return `${OPTION_LETTERS[k]}. ${cleanOption(body)}`;
    });
    if (opts.every((o) => o.length > 3)) return opts;
  }
  return undefined;
}

const HTML_RE = /<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?\/?>|<script|<!--/i;
/** Whether a text holds HTML tags (shown as text, never rendered, but worth a reviewer's look). */
export const hasHtml = (text: string): boolean => HTML_RE.test(text);

/** Flags known from the item alone: html-in-text, multi-view, oversized (missing-image is the importer's). */
export function itemFlags(item: QAItem): ItemFlag[] {
  const flags: ItemFlag[] = [];
  const texts = [item.question, item.answer, ...(item.spatial_lens.options ?? [])];
  if (texts.some((t) => typeof t === 'string' && hasHtml(t))) flags.push('html-in-text');
  if (item.image.length > 1) flags.push('multi-view');
  if (isOversized(texts)) flags.push('oversized');
  return flags;
}

/** Where a record was read, and what is known of its images. */
export interface RecordContext {
  /** The file's path as imported (relative to the drop; a zip's entries are under `<zip path>/`). */
  file: string;
  /** 1-based line (JSONL) or row index + 1 (parquet). */
  line: number;
  /** Sizes of the record's images, aligned with its `image` list, where known (SPAR-7M marks need them). */
  imageSizes?: readonly (ImageSize | undefined)[];
  /** Paths the embedded images had inside a parquet file (struct `path`), to name the scene. */
  originalImagePaths?: readonly (string | undefined)[];
}

/** A review as sourceRecord writes it under `spatial_lens.review` (docs/formats.md, review decision, plus the original of a fix). */
export type ExportReview = Pick<ReviewDecision, 'reasons' | 'comment' | 'edits' | 'reviewer' | 'startedAt' | 'decidedAt' | 'blind' | 'marks'> & {
  decision: Verdict;
  /** What a fix replaced (the item as imported). */
  original?: { answer?: string; options?: string[] };
};

export interface ImportedRecord {
  /** The app's id: importedId(file, source id). */
  appId: string;
  item: QAItem;
  flags: ItemFlag[];
  layout: SourceLayout;
  /** A review the record carried (an exported reviewed item), as written under spatial_lens.review. */
  review?: Obj;
}

/** Scene id from an image path: its first directory (`scene0261_00/image_color/543.jpg`), else none. */
const sceneOfPath = (p: string | undefined): string => {
  if (!p) return '';
  const parts = p.split(/[\\/]/).filter((s) => s && s !== '.' && s !== '..');
  return parts.length > 1 ? parts[0] : '';
};

/** Fields of a carried `spatial_lens` (an exported record) that the import recomputes rather than copies. */
const NOT_CARRIED = new Set(['schema', 'source']);

function carriedSpatialLens(record: Obj, layout: SourceLayout): Obj | undefined {
  const sl = record.spatial_lens;
  if (sl === undefined) return undefined;
  if (!isObj(sl)) throw new RecordError(`spatial_lens should be an object, got ${show(sl)}`);
  if (sl.format !== undefined && !isFormat(sl.format)) throw new RecordError(`spatial_lens.format is ${show(sl.format)}; expected one of ${QA_FORMATS.join(', ')}`);
  if (sl.options !== undefined && !isStringList(sl.options)) throw new RecordError(`spatial_lens.options should be a list of strings, got ${show(sl.options)}`);
  if (layout === 'spar-bench' && sl.marks !== undefined && !Array.isArray(sl.marks)) throw new RecordError(`spatial_lens.marks should be a list, got ${show(sl.marks)}`);
  return sl;
}

const mergeCarried = (target: QAItem['spatial_lens'], carried: Obj | undefined, skip: ReadonlySet<string>) => {
  if (!carried) return;
  for (const [k, v] of Object.entries(carried)) if (!NOT_CARRIED.has(k) && !skip.has(k)) setOwn(target, k, v);
};

const priorMarkScale = (carried: Obj | undefined): readonly (ImageSize | undefined)[] | undefined => {
  const src = carried?.source;
  if (!isObj(src) || !Array.isArray(src.markScale)) return undefined;
  return src.markScale.map((s) => (isObj(s) && typeof s.width === 'number' && s.width > 0 && typeof s.height === 'number' && s.height > 0 ? { width: s.width, height: s.height } : undefined));
};

const SPAR7M_SKIP = new Set(['marks']);

function importSpar7m(record: Obj, ctx: RecordContext): { item: QAItem; id: string | number } {
  const carried = carriedSpatialLens(record, 'spar7m');
  const { spatial_lens: _carried, ...rest } = record;
  const paths = record.image;
  if (!isStringList(paths)) throw new RecordError(`image should be a list of paths, got ${show(paths)}`);
  if (typeof record.id !== 'string') throw new RecordError(`a SPAR-7M record needs a string id, got ${show(record.id)}`);
  const prior = priorMarkScale(carried);
  // The size the marks are read with: the image's own, else the one the record was exported with, else 1000×1000
  const sizes = paths.map((_, i) => ctx.imageSizes?.[i] ?? prior?.[i] ?? UNKNOWN_IMAGE_SIZE);
  const format = (carried?.format as QAFormat | undefined) ?? formatFromPath(ctx.file) ?? 'sentence';
  let item: QAItem;
  try {
    item = fromSpar7m(rest as Spar7mRecord, sizes, { format });
  } catch (e) {
    throw new RecordError((e as Error).message);
  }
  mergeCarried(item.spatial_lens, carried, SPAR7M_SKIP);
  if (item.spatial_lens.format === 'select' && item.spatial_lens.options === undefined) {
    const options = parseOptions(item.question);
    if (options) item.spatial_lens.options = options;
  }
  const source: ItemSource = { file: ctx.file, line: ctx.line, layout: 'spar7m', id: record.id };
  if (paths.length) source.markScale = sizes.map((s) => ({ width: s.width, height: s.height }));
  item.spatial_lens.source = source;
  return { item, id: record.id };
}

const NO_SKIP = new Set<string>();

function importSparBench(record: Obj, ctx: RecordContext): { item: QAItem; id: string | number } {
  const carried = carriedSpatialLens(record, 'spar-bench');
  const { spatial_lens: _carried, ...rest } = record;
  const { id, image, task, question, answer, format_type } = record;
  if (!(typeof id === 'number' && Number.isFinite(id)) && !(typeof id === 'string' && id !== ''))
    throw new RecordError(`a SPAR-Bench row needs an id (an integer), got ${show(id)}`);
  if (typeof task !== 'string' || !task) throw new RecordError(`task should be a task id, got ${show(task)}`);
  if (typeof question !== 'string') throw new RecordError(`question should be text, got ${show(question)}`);
  if (typeof answer !== 'string' && typeof answer !== 'number') throw new RecordError(`answer should be text, got ${show(answer)}`);
  const images = typeof image === 'string' ? [image] : image;
  if (!isStringList(images)) throw new RecordError(`image should be a list of file names, got ${show(image)}`);
  const format = (carried?.format as QAFormat | undefined) ?? (isFormat(format_type) ? format_type : undefined);
  if (!format) throw new RecordError(`format_type is ${show(format_type)}; expected fill or select`);
  const firstPath = ctx.originalImagePaths?.find((p) => !!p) ?? (ctx.originalImagePaths ? undefined : images[0]);
  const spatial_lens: QAItem['spatial_lens'] = {
    schema: QA_SCHEMA,
    format,
    objects: [],
    marks: [],
    evidence: {},
    scene: sceneOfPath(firstPath),
    generator: { name: 'spatial-lens', version: 'import:spar-bench', seed: 0 },
  };
  if (format === 'select') {
    const options = parseOptions(question);
    if (options) spatial_lens.options = options;
  }
  mergeCarried(spatial_lens, carried, NO_SKIP);
  const source: ItemSource = { file: ctx.file, line: ctx.line, layout: 'spar-bench', id };
  // the struct paths of the embedded images, so a parquet export writes them back as they were
  if (ctx.originalImagePaths) source.imagePaths = ctx.originalImagePaths.map((p) => p ?? null);
  spatial_lens.source = source;
  const item: QAItem = { ...rest, id: String(id), image: [...images], task, question, answer: String(answer), spatial_lens };
  return { item, id };
}

function importOwn(record: Obj, ctx: RecordContext): { item: QAItem; id: string | number } {
  const sl = record.spatial_lens as Obj;
  const { id, image, task, question, answer } = record;
  if (!(typeof id === 'string' && id !== '') && !(typeof id === 'number' && Number.isFinite(id))) throw new RecordError(`id should be a non-empty string, got ${show(id)}`);
  if (!isStringList(image)) throw new RecordError(`image should be a list of file names, got ${show(image)}`);
  if (typeof task !== 'string' || !task) throw new RecordError(`task should be a task id, got ${show(task)}`);
  if (typeof question !== 'string') throw new RecordError(`question should be text, got ${show(question)}`);
  if (typeof answer !== 'string') throw new RecordError(`answer should be text, got ${show(answer)}`);
  if (!isFormat(sl.format)) throw new RecordError(`spatial_lens.format is ${show(sl.format)}; expected one of ${QA_FORMATS.join(', ')}`);
  if (sl.options !== undefined && !isStringList(sl.options)) throw new RecordError(`spatial_lens.options should be a list of strings, got ${show(sl.options)}`);
  if (sl.marks !== undefined && !Array.isArray(sl.marks)) throw new RecordError(`spatial_lens.marks should be a list, got ${show(sl.marks)}`);
  if (sl.objects !== undefined && !isStringList(sl.objects)) throw new RecordError(`spatial_lens.objects should be a list of object ids, got ${show(sl.objects)}`);
  const spatial_lens = {
    objects: [],
    marks: [],
    evidence: {},
    scene: sceneOfPath(image[0]),
    generator: { name: 'spatial-lens', version: 'import', seed: 0 },
    ...sl,
    source: { file: ctx.file, line: ctx.line, layout: 'spatial-lens', id } satisfies ItemSource,
  } as unknown as QAItem['spatial_lens'];
  const item: QAItem = { ...record, id: String(id), image, task, question, answer, spatial_lens };
  return { item, id };
}

/**
 * One parsed record as an imported QA item with its app id and flags. Throws a RecordError (with
 * a message meant for the person importing) when the record cannot be imported.
 */
export function importRecord(record: unknown, ctx: RecordContext): ImportedRecord {
  const layout = detectLayout(record);
  const rec = record as Obj;
  const { item, id } = layout === 'spar7m' ? importSpar7m(rec, ctx) : layout === 'spar-bench' ? importSparBench(rec, ctx) : importOwn(rec, ctx);
  // A record that went out of Spatial Lens (an export) comes back as what it was: its own source
  // and app id, the item as imported, and its review as a decision — so export → import gives back
  // the same items and decisions, and importing an export into its own project finds duplicates.
  const carried = (record as Obj).spatial_lens;
  const review = item.spatial_lens.review;
  const carriedSource = isObj(carried) && isObj(carried.source) && typeof carried.source.file === 'string' && (typeof carried.source.id === 'string' || typeof carried.source.id === 'number') ? (carried.source as unknown as ItemSource) : undefined;
  let appId = importedId(ctx.file, id);
  if (carriedSource) {
    const scale = (item.spatial_lens.source as ItemSource | undefined)?.markScale;
    item.spatial_lens.source = { ...carriedSource, ...(scale && !carriedSource.markScale ? { markScale: scale } : {}) };
    appId = importedId(carriedSource.file, carriedSource.id);
  } else if (isObj(review) && layout === 'spatial-lens') {
    // a generated item that was reviewed and exported: its id is the app id, and it had no source
    delete item.spatial_lens.source;
    appId = item.id;
  }
  if (isObj(review)) {
    const original = isObj(review.original) ? review.original : undefined;
    if (review.decision === 'fix' && original) {
      if (typeof original.answer === 'string') item.answer = original.answer;
      if (isStringList(original.options)) item.spatial_lens.options = [...original.options];
    }
    delete item.spatial_lens.review;
  }
  const out: ImportedRecord = { appId, item, flags: itemFlags(item), layout };
  if (isObj(review)) out.review = review;
  return out;
}

// ---- export: an item back in its source's layout ----

/** The answer and options to export, with the originals when a fix changed them. */
function applyFix(item: QAItem, review: ExportReview | undefined) {
  let answer = item.answer;
  let options = item.spatial_lens.options;
  const original: { answer?: string; options?: string[] } = { ...(review?.original ?? {}) };
  if (review?.decision === 'fix' && review.edits) {
    const { answer: a, options: o } = review.edits;
    if (a) {
      original.answer ??= a[0];
      answer = a[1];
    }
    if (o) {
      original.options ??= o[0];
      options = o[1];
    }
  }
  return { answer, options, original };
}

function reviewRecord(review: ExportReview, original: { answer?: string; options?: string[] }): Obj {
  const r: Obj = { schema: REVIEW_SCHEMA, decision: review.decision };
  if (review.reasons?.length) r.reasons = [...review.reasons];
  if (review.comment) r.comment = review.comment;
  if (review.edits) r.edits = review.edits;
  r.reviewer = review.reviewer;
  r.startedAt = review.startedAt;
  r.decidedAt = review.decidedAt;
  if (review.blind) r.blind = review.blind;
  if (review.marks?.length) r.marks = review.marks;
  if (original.answer !== undefined || original.options !== undefined) r.original = original;
  return r;
}

/**
 * toSpar7m, keeping mark lists of more than one element (an imported record may have them; SPAR
 * draws only the first): the first mark of each colour goes through toSpar7m with the item, each
 * further one is converted the same way and appended to its colour's list, in order.
 */
function spar7mWithAllMarks(item: QAItem, sizes: readonly ImageSize[]): Obj {
  const layers: QAItem['spatial_lens']['marks'][] = [];
  const count = new Map<string, number>();
  for (const m of item.spatial_lens.marks) {
    const key = `${m.kind}:${m.color}`;
    const k = count.get(key) ?? 0;
    count.set(key, k + 1);
    (layers[k] ??= []).push(m);
  }
  const withMarks = (marks: QAItem['spatial_lens']['marks']): QAItem => ({ ...item, spatial_lens: { ...item.spatial_lens, marks } });
  const rec: Obj = { ...toSpar7m(withMarks(layers[0] ?? []), sizes) };
  for (const layer of layers.slice(1)) {
    const more = toSpar7m(withMarks(layer), sizes) as Obj;
    for (const key of MARK_FIELDS) if (Array.isArray(more[key])) rec[key] = [...((rec[key] as unknown[]) ?? []), ...(more[key] as unknown[])];
  }
  return rec;
}

export interface SourceRecordOptions {
  /**
   * Sizes of the item's images, for a SPAR-7M item imported before markScale was recorded (an
   * imported SPAR-7M item carries the sizes its marks were read with, and those are used first).
   */
  imageSizes?: readonly (ImageSize | undefined)[];
  /** Write the record in this layout rather than the item's source's (the export dialog's choice). */
  layout?: SourceLayout;
}

/**
 * The item written back in its source's own layout, its review under `spatial_lens.review`:
 *   - spar7m: a SPAR-7M record (toSpar7m) with the original id, the fixed answer as the gpt turn,
 *     the marks at the same 0–1000 integers it was imported with;
 *   - spar-bench: the row, with its original (numeric) id and `image` as file names;
 *   - spatial-lens (and items that were not imported): the QA item.
 * A fixed item carries the fixed answer (and options) and the originals in
 * `spatial_lens.review.original` (docs/formats.md, review decision). The other fields of `spatial_lens` travel with the
 * foreign layouts too (less `schema`), so importing the record gives back the same item.
 */
export function sourceRecord(item: QAItem, review?: ExportReview, opts: SourceRecordOptions = {}): Record<string, unknown> {
  const { answer, options, original } = applyFix(item, review);
  const src = item.spatial_lens.source as ItemSource | undefined;
  const slOut: Obj = { ...item.spatial_lens };
  if (options !== undefined) slOut.options = options;
  if (review) slOut.review = reviewRecord(review, original);
  const fixed: QAItem = { ...item, answer, spatial_lens: slOut as QAItem['spatial_lens'] };
  const layout = opts.layout ?? src?.layout ?? 'spatial-lens';

  if (layout === 'spar7m') {
    const scale = src?.markScale;
    const sizes = item.image.map((_, i) => scale?.[i] ?? opts.imageSizes?.[i]) as ImageSize[];
    const rec = spar7mWithAllMarks(fixed, sizes);
    if (src && typeof src.id === 'string') rec.id = src.id;
    const { schema: _s, marks: _m, ...carried } = slOut;
    rec.spatial_lens = carried;
    return rec;
  }
  if (layout === 'spar-bench') {
    const { id: _id, image, task, question, spatial_lens: _sl, ...extras } = fixed;
    const rec: Obj = { id: src ? src.id : item.id };
    // docs/formats.md, SPAR-Bench layout column order first, then anything else the row had
    if ('img_type' in extras) rec.img_type = extras.img_type;
    if ('format_type' in extras) rec.format_type = extras.format_type;
    rec.task = task;
    if ('source' in extras) rec.source = extras.source;
    rec.image = [...image];
    rec.question = question;
    rec.answer = answer;
    for (const [k, v] of Object.entries(extras)) if (!Object.hasOwn(rec, k) && k !== 'answer') setOwn(rec, k, v);
    const { schema: _s, ...carried } = slOut;
    rec.spatial_lens = carried;
    return rec;
  }
  return fixed;
}
