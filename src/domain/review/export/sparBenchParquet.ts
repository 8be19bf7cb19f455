// SPAR-Bench rows written back as parquet, as HF datasets lays them out: SPAR-Bench's columns
// (id int64, img_type, format_type, task, source, image as a list of {bytes, path} structs,
// question, answer) and any other column the rows came with, the images embedded, the
// `huggingface` features in the file's metadata so `datasets` reads `image` as images again.
//
// What Spatial Lens knows beyond the columns (each row's source file and id, its review, the rest
// of `spatial_lens`) goes in the file's key-value metadata under `spatial_lens`, one entry per row,
// so the columns stay exactly SPAR-Bench's and importing the file gives back the same items and
// decisions. Written a row group at a time (hyparquet-writer's ParquetWriter): only one group's
// images are held as rows.
import type { FileMetaData, KeyValue, SchemaElement } from 'hyparquet';
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import { dict, setOwn } from '../../dict';
import { UserError } from '../../errors';

export const PARQUET_META_KEY = 'spatial_lens';
export const PARQUET_META_SCHEMA = 'spatial-lens/parquet-rows@1';
/** SPAR-Bench's columns, in its order. */
export const SPAR_BENCH_COLUMNS = ['id', 'img_type', 'format_type', 'task', 'source', 'image', 'question', 'answer'] as const;

type Obj = Record<string, unknown>;
type ColType = 'INT64' | 'DOUBLE' | 'BOOLEAN' | 'STRING' | 'JSON' | 'IMAGES' | 'GRIDS' | 'MATRICES';

/**
 * SPAR-Bench-RGBD's per-image columns, written in its own shapes (not as JSON text) when every row's
 * value has that shape: `depth` a rows × columns grid of numbers per image, the cameras a
 * row-major 4×4 list per image.
 */
const RGBD_SHAPES: ReadonlyMap<string, ColType> = new Map([
  ['depth', 'GRIDS'],
  ['pose', 'MATRICES'],
  ['intrinsic_color', 'MATRICES'],
  ['intrinsic_depth', 'MATRICES'],
]);
const isNumbers = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number');
const isGrid = (v: unknown): v is number[][] => Array.isArray(v) && v.length > 0 && v.every(isNumbers);
/** Whether a value has the shape `t` writes: a list with one entry (or null) per image. */
const hasShape = (t: ColType, v: unknown): boolean => Array.isArray(v) && v.every((x) => x === null || (t === 'GRIDS' ? isGrid(x) : isNumbers(x)));
/** Grid cells held before a row group is written early (a depth grid is ~300k numbers). */
const MAX_PENDING_CELLS = 4_000_000;

export interface ParquetImage {
  /** The embedded bytes; null when the image is not exported (the struct keeps its path). */
  bytes: Uint8Array | null;
  path: string | null;
}

/** One exported row: a SPAR-Bench record (sourceRecord, spar-bench layout) and its images. */
export interface ParquetRowInput {
  record: Obj;
  images: ParquetImage[];
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The row's columns in SPAR-Bench's order, then the others; `spatial_lens` kept apart. */
export function sparBenchColumns(record: Obj): { columns: Obj; carried: Obj | undefined } {
  const columns = dict<unknown>();
  for (const k of SPAR_BENCH_COLUMNS) if (Object.hasOwn(record, k)) columns[k] = record[k];
  for (const [k, v] of Object.entries(record)) if (k !== 'spatial_lens' && !Object.hasOwn(columns, k)) setOwn(columns, k, v);
  const sl = record.spatial_lens;
  return { columns, carried: isObj(sl) ? sl : undefined };
}

function typeOf(column: string, values: unknown[]): ColType {
  if (column === 'image') return 'IMAGES';
  const present = values.filter((v) => v !== null && v !== undefined);
  if (!present.length) return 'STRING';
  const shape = RGBD_SHAPES.get(column);
  if (shape && present.every((v) => hasShape(shape, v))) return shape;
  if (present.every((v) => typeof v === 'number' && Number.isSafeInteger(v))) return 'INT64';
  if (present.every((v) => typeof v === 'number')) return 'DOUBLE';
  if (present.every((v) => typeof v === 'boolean')) return 'BOOLEAN';
  if (present.every((v) => typeof v === 'string')) return 'STRING';
  return 'JSON';
}

function schemaOf(columns: [string, ColType][]): SchemaElement[] {
  const out: SchemaElement[] = [{ name: 'schema', num_children: columns.length }];
  for (const [name, t] of columns) {
    if (t === 'IMAGES') {
      out.push(
        { name, repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'element', repetition_type: 'OPTIONAL', num_children: 2 },
        { name: 'bytes', type: 'BYTE_ARRAY', repetition_type: 'OPTIONAL' },
        { name: 'path', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      );
    } else if (t === 'GRIDS' || t === 'MATRICES') {
      // list (per image) of list (rows) [of list (columns)] of numbers, as HF datasets writes nested sequences
      const levels = t === 'GRIDS' ? 3 : 2;
      out.push({ name, repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 }, { name: 'list', repetition_type: 'REPEATED', num_children: 1 });
      for (let k = 1; k < levels; k++) out.push({ name: 'element', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 }, { name: 'list', repetition_type: 'REPEATED', num_children: 1 });
      out.push({ name: 'element', type: t === 'GRIDS' ? 'FLOAT' : 'DOUBLE', repetition_type: 'OPTIONAL' });
    } else if (t === 'INT64') out.push({ name, type: 'INT64', repetition_type: 'OPTIONAL' });
    else if (t === 'DOUBLE') out.push({ name, type: 'DOUBLE', repetition_type: 'OPTIONAL' });
    else if (t === 'BOOLEAN') out.push({ name, type: 'BOOLEAN', repetition_type: 'OPTIONAL' });
    else out.push({ name, type: 'BYTE_ARRAY', converted_type: t === 'JSON' ? 'JSON' : 'UTF8', repetition_type: 'OPTIONAL' });
  }
  return out;
}

const HF_VALUE: ReadonlyMap<ColType, string> = new Map([
  ['INT64', 'int64'],
  ['DOUBLE', 'float64'],
  ['BOOLEAN', 'bool'],
  ['STRING', 'string'],
  ['JSON', 'string'],
]);

/** HF datasets' features for the columns, so `load_dataset` decodes `image` as images. */
function hfFeatures(columns: [string, ColType][]): string {
  const features = dict<unknown>();
  const seq = (feature: unknown) => ({ feature, _type: 'Sequence' });
  for (const [name, t] of columns)
    features[name] =
      t === 'IMAGES'
        ? seq({ _type: 'Image' })
        : t === 'GRIDS'
          ? seq(seq(seq({ dtype: 'float32', _type: 'Value' })))
          : t === 'MATRICES'
            ? seq(seq({ dtype: 'float64', _type: 'Value' }))
            : { dtype: HF_VALUE.get(t), _type: 'Value' };
  return JSON.stringify({ info: { features } });
}

/**
 * Writes rows as one parquet file. The column set and types come from the first row group (the
 * rows of one export share SPAR-Bench's columns); a later row's value of another type, or a column
 * the first group did not have, travels in the row's metadata entry and comes back on import.
 */
export class SparBenchParquetWriter {
  private readonly byteWriter = new ByteWriter();
  private writer: ParquetWriter | null = null;
  private columns: [string, ColType][] = [];
  private pending: ParquetRowInput[] = [];
  private readonly carried: (Obj | null)[] = [];
  private pendingCells = 0;
  rows = 0;

  constructor(private readonly rowGroupSize = 256) {}

  add(row: ParquetRowInput): void {
    this.pending.push(row);
    this.rows++;
    const depth = row.record.depth;
    if (Array.isArray(depth)) for (const g of depth) if (isGrid(g)) this.pendingCells += g.length * g[0].length;
    if (this.pending.length >= this.rowGroupSize || this.pendingCells >= MAX_PENDING_CELLS) this.flush();
  }

  private flush(): void {
    if (!this.pending.length) return;
    const split = this.pending.map((r) => ({ ...sparBenchColumns(r.record), images: r.images }));
    if (!this.writer) {
      const names: string[] = [];
      for (const s of split) for (const k of Object.keys(s.columns)) if (!names.includes(k)) names.push(k);
      this.columns = names.map((n) => [n, typeOf(n, split.map((s) => s.columns[n]))]);
      this.writer = new ParquetWriter({ writer: this.byteWriter, schema: schemaOf(this.columns), createdBy: 'Spatial Lens (hyparquet-writer)' });
    }
    const data = this.columns.map(([name, t]) => ({
      name,
      ...(t === 'IMAGES' || t === 'GRIDS' ? { statistics: false } : {}),
      data: split.map((s, i) => {
        const v = s.columns[name];
        if (t === 'IMAGES') return s.images.length || Array.isArray(v) ? s.images.map((im) => ({ bytes: im.bytes, path: im.path })) : null;
        return cell(t, v, name, s.columns.id ?? i);
      }),
    }));
    for (const s of split) {
      // values the schema cannot hold as they are go with the row's metadata
      const extra = dict<unknown>();
      for (const [k, v] of Object.entries(s.columns)) {
        const t = this.columns.find((c) => c[0] === k)?.[1];
        if (!t || (t !== 'IMAGES' && !fits(t, v))) setOwn(extra, k, v);
      }
      const entry = s.carried || Object.keys(extra).length ? dict<unknown>() : null;
      if (entry && s.carried) entry.spatial_lens = s.carried;
      if (entry && Object.keys(extra).length) entry.columns = extra;
      this.carried.push(entry);
    }
    this.writer.write({ columnData: data, rowGroupSize: this.pending.length });
    this.pending = [];
    this.pendingCells = 0;
  }

  /** The whole file. */
  finish(): Uint8Array {
    this.flush();
    if (!this.writer) this.writer = new ParquetWriter({ writer: this.byteWriter, schema: schemaOf([]), createdBy: 'Spatial Lens (hyparquet-writer)' });
    const kv: KeyValue[] = [{ key: 'huggingface', value: hfFeatures(this.columns) }];
    if (this.carried.some((c) => c)) kv.push({ key: PARQUET_META_KEY, value: JSON.stringify({ schema: PARQUET_META_SCHEMA, rows: this.carried }) });
    this.writer.kvMetadata = kv;
    this.writer.finish();
    return this.byteWriter.getBytes();
  }
}

function fits(t: ColType, v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (t === 'INT64') return typeof v === 'number' && Number.isSafeInteger(v);
  if (t === 'DOUBLE') return typeof v === 'number';
  if (t === 'BOOLEAN') return typeof v === 'boolean';
  if (t === 'STRING') return typeof v === 'string';
  if (t === 'GRIDS' || t === 'MATRICES') return hasShape(t, v);
  return true;
}

function cell(t: ColType, v: unknown, column: string, id: unknown): unknown {
  if (v === null || v === undefined || !fits(t, v)) return null;
  if (t === 'INT64') return BigInt(v as number);
  if (t === 'JSON') {
    const s = JSON.stringify(v);
    if (s === undefined) throw new UserError(`Row ${String(id)}: column ${column} holds a value parquet cannot store.`, 'parquet-value');
    return s;
  }
  return v;
}

/**
 * The per-row entries a Spatial Lens parquet export carries in its metadata, or undefined (any
 * other parquet file, or metadata that is not ours: ignored rather than trusted).
 */
export function carriedRows(metadata: Pick<FileMetaData, 'key_value_metadata'>): (Obj | null)[] | undefined {
  const kv = metadata.key_value_metadata?.find((k) => k.key === PARQUET_META_KEY);
  if (!kv?.value) return undefined;
  try {
    const parsed = JSON.parse(kv.value) as unknown;
    if (!isObj(parsed) || parsed.schema !== PARQUET_META_SCHEMA || !Array.isArray(parsed.rows)) return undefined;
    return parsed.rows.map((r) => (isObj(r) ? r : null));
  } catch {
    return undefined;
  }
}

/** A read row with what its metadata entry carried put back: the other columns' values, and `spatial_lens`. */
export function withCarried(record: Obj, entry: Obj | null | undefined): Obj {
  if (!entry) return record;
  if (isObj(entry.columns)) for (const [k, v] of Object.entries(entry.columns)) if (record[k] === null || record[k] === undefined || !Object.hasOwn(record, k)) setOwn(record, k, v);
  if (isObj(entry.spatial_lens) && !Object.hasOwn(record, 'spatial_lens')) record.spatial_lens = entry.spatial_lens;
  return record;
}
