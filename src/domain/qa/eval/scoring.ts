// Scoring a predictions file against QA items with the benchmarks' own rules (docs/formats.md):
// SPAR-Bench MRA and exact match, the SPAR view-change metric, the Q-Spatial 2× rule and the
// SpatialRGPT ±25 % rule. The rules copy the reference code's quirks on purpose, so that a number
// printed here can be compared with a number in a paper. Pure TypeScript: runs in a worker too.
import { jsonProblem } from '../../formats/jsonError';
import { table as fixedTable } from '../../dict';
import { UserError } from '../../errors';
import type { QAFormat, QAItem } from '../types';

// ---------------------------------------------------------------------------------------------
// Mean relative accuracy

/** numpy.linspace as numpy computes it (i·step + start, last value set to stop), so that the
 * thresholds carry the same rounding as SPAR's and VSI's `conf_intervs`. */
function linspace(start: number, stop: number, num: number): number[] {
  const step = (stop - start) / (num - 1);
  const out = Array.from({ length: num }, (_, i) => i * step + start);
  out[num - 1] = stop;
  return out;
}

// `int((.95 - .5) / .05 + 2)` is int(10.999999999999998) = 10 in the reference code, not 11.
const MRA_CONF = linspace(0.5, 0.95, Math.trunc((0.95 - 0.5) / 0.05 + 2));

/** `1 - conf_intervs` element by element, as numpy gives it (0.5, 0.44999999999999996, …). */
export const MRA_TOLERANCES: readonly number[] = MRA_CONF.map((c) => 1 - c);

function mraOf(relErr: number): number {
  let passed = 0;
  for (const t of MRA_TOLERANCES) if (relErr <= t) passed++;
  return passed / MRA_TOLERANCES.length;
}

/** SPAR-Bench `mean_relative_accuracy`: a zero target falls back to the absolute error. */
export function sparMra(pred: number, target: number): number {
  return mraOf(target === 0 ? Math.abs(pred - target) : Math.abs((pred - target) / target));
}

/** VSI-Bench `mean_relative_accuracy`. Its `abs_dist_norm` divides by the target without a
 * zero branch: Python raises there, and we score 0 (x/0 is ±Infinity or NaN, which passes no
 * threshold). A negative target passes every threshold, as in the original. */
export function vsiMra(pred: number, target: number): number {
  return mraOf(Math.abs(pred - target) / target);
}

// ---------------------------------------------------------------------------------------------
// Parsing numbers out of answers

// SPAR's `process_na` pattern. JS `\d` is ASCII only where Python's matches any Unicode digit.
const SPAR_NUMBER = /(?<!\^)\d+\.\d+|(?<!\^)\d+/g;

interface NumberMatch {
  value: number;
  /** Index just past the number, where a unit word may follow. */
  end: number;
}

function sparNumberMatch(text: string, multiView: boolean): NumberMatch | null {
  const all = [...text.matchAll(SPAR_NUMBER)];
  if (!all.length) return null;
  const m = multiView ? all[all.length - 1] : all[0];
  return { value: Number(m[0]), end: m.index + m[0].length };
}

/** SPAR's number parse: the first number for single-view tasks, the last for `_mv` tasks. Signs
 * are not captured ("-0.5" gives 0.5). Null when there is no number: SPAR then scores 0. */
export function parseSparNumber(text: string, multiView: boolean): number | null {
  return sparNumberMatch(text, multiView)?.value ?? null;
}

// What Python's float() accepts for the answers we meet (no inf/nan, no digit underscores).
const PY_FLOAT = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/** `float(text)` for a bare number, else null. Unlike Number(), refuses "" and "0x10". */
export function pythonFloat(text: string): number | null {
  return PY_FLOAT.test(text) ? Number(text) : null;
}

// ---------------------------------------------------------------------------------------------
// Exact match (SPAR multiple choice)

/** SPAR-Bench `exact_match`, quirks kept: after lower-casing, equal, or the prediction is a
 * substring of the target (so an empty prediction always matches), or its first character is
 * the target ("b. 1.3" matches "b"). */
export function sparExactMatch(pred: string, target: string): boolean {
  const p = pred.toLowerCase();
  const t = target.toLowerCase();
  if (p === t || t.includes(p)) return true;
  const first = p.codePointAt(0);
  return first !== undefined && String.fromCodePoint(first) === t;
}

// ---------------------------------------------------------------------------------------------
// Q-Spatial and SpatialRGPT success rules

// The Q-Spatial evaluator's `_get_multiplier`. "centimetre(s)" are ours: the evaluator sends them
// through its unknown-unit fallback (×1), which gives the same number, so only the warning differs.
const CM_PER_UNIT = fixedTable<number>({
  meters: 100, meter: 100, m: 100, metre: 100, metres: 100,
  centimeters: 1, centimeter: 1, cm: 1, centimetres: 1, centimetre: 1,
  feet: 30.48, foot: 30.48, ft: 30.48,
  inch: 2.54, inches: 2.54, in: 2.54,
  mm: 0.1,
});

/** Q-Spatial's conversion to centimetres. An unknown unit counts as ×1, as the evaluator does
 * (it prints a warning); `known` lets the caller report it. */
export function toCentimetres(value: number, unit: string): { cm: number; known: boolean } {
  const mult = CM_PER_UNIT[unit.toLowerCase()];
  return { cm: value * (mult ?? 1), known: mult !== undefined };
}

export const isLengthUnit = (unit: string | undefined): boolean => unit !== undefined && CM_PER_UNIT[unit.toLowerCase()] !== undefined;

/** Q-Spatial-Bench (`delta = 2`): strictly within a factor of two. Zero or NaN fail, as they do
 * in numpy (a ratio of inf or nan is not < 2). */
export function qspatialSuccess(predCm: number, gtCm: number): boolean {
  return Math.max(predCm / gtCm, gtCm / predCm) < 2;
}

/** SpatialRGPT-Bench quantitative rule: within ±25 % of the ground truth, both ends included. */
export function srgptSuccess(pred: number, gt: number): boolean {
  return 0.75 * gt <= pred && pred <= 1.25 * gt;
}

// A unit word right after a number ("1.3 m", "130cm", "4 feet"); longest spellings first.
const UNIT_AFTER_NUMBER = new RegExp(
  `^\\s*(${Object.keys(CM_PER_UNIT).sort((a, b) => b.length - a.length).join('|')})(?![\\p{L}\\p{N}_])`,
  'iu',
);

function unitAfter(text: string, end: number): string | null {
  const rest = text.slice(end);
  const m = UNIT_AFTER_NUMBER.exec(rest);
  if (!m) return null;
  // "2 in front of" is a preposition, not inches.
  if (m[1].toLowerCase() === 'in' && /^\s+\p{L}/u.test(rest.slice(m[0].length))) return null;
  return m[1];
}

const lastCapture = (text: string, re: RegExp): string | null => {
  const all = [...text.matchAll(re)];
  return all.length ? all[all.length - 1][1] : null;
};
const SCALAR = /scalar{([^}]*)}/g;
const DISTANCE_UNIT = /distance_unit{([^}]*)}/g;

/** A Q-Spatial answer: the mean of the numbers in the last `\scalar{…}` and the last
 * `\distance_unit{…}`; without `\scalar`, the first plain number and a unit word after it.
 * `unit` is null when the answer names none. Null when there is no number. */
export function parseQSpatialAnswer(text: string): { value: number; unit: string | null } | null {
  const unitBox = lastCapture(text, DISTANCE_UNIT);
  const scalar = lastCapture(text, SCALAR);
  if (scalar !== null) {
    const nums = [...scalar.matchAll(/\d+\.?\d*/g)].map((m) => Number(m[0]));
    if (!nums.length) return null;
    let sum = 0;
    for (const n of nums) sum += n;
    return { value: sum / nums.length, unit: unitBox === null ? null : unitBox.trim() };
  }
  const m = sparNumberMatch(text, false);
  if (!m) return null;
  return { value: m.value, unit: unitBox !== null ? unitBox.trim() : unitAfter(text, m.end) };
}

// ---------------------------------------------------------------------------------------------
// SPAR view_change_infer

// SPAR's `action_order`; the summation order of the mean follows it.
const VCI_AXES: ReadonlyArray<readonly [string, string]> = [
  ['move_right', 'move_left'],
  ['move_up', 'move_down'],
  ['move_forward', 'move_backward'],
  ['rotate_right', 'rotate_left'],
  ['rotate_up', 'rotate_down'],
];

/** SPAR's `parse_instruction` ("k:v" pairs joined by commas), with the keys normalised so that
 * the SPAR-7M prose form "move right: 1.2, rotate up: 5" reads like "move_right:1.2". Null where
 * SPAR's parse would raise (a part without exactly one ":", a value that is not a number). */
export function parseViewChange(text: string): Map<string, number> | null {
  const out = new Map<string, number>();
  for (const part of text.split(',')) {
    const kv = part.split(':');
    if (kv.length !== 2) return null;
    const v = pythonFloat(kv[1]);
    if (v === null) return null;
    out.set(kv[0].trim().toLowerCase().replace(/[\s-]+/g, '_'), v);
  }
  return out;
}

/** SPAR `compute_vci_metric`: MRA on five signed axes (missing keys are 0), averaged. SPAR calls
 * `mean_relative_accuracy(gt, answer)`, i.e. with the ground truth in the `pred` slot, so the
 * relative error is divided by the prediction's axis value; kept as written. 0 when either string
 * does not parse (SPAR catches the exception and scores 0). */
export function vciMetric(gt: string, pred: string): number {
  const g = parseViewChange(gt);
  const p = parseViewChange(pred);
  if (!g || !p) return 0;
  const axis = (m: Map<string, number>, [pos, neg]: readonly [string, string]) => (m.get(pos) ?? 0) - (m.get(neg) ?? 0);
  let sum = 0;
  for (const a of VCI_AXES) sum += sparMra(axis(g, a), axis(p, a));
  return sum / VCI_AXES.length;
}

// ---------------------------------------------------------------------------------------------
// Task ids (SPAR-Bench `utils.py`)

export const SPAR_NA_TASKS: readonly string[] = [
  'depth_prediction_oc', 'depth_prediction_oo', 'distance_prediction_oc', 'distance_prediction_oo',
  'depth_prediction_oc_mv', 'depth_prediction_oo_mv', 'distance_prediction_oo_mv', 'distance_prediction_oc_mv',
];
export const SPAR_MCA_TASKS: readonly string[] = [
  'obj_spatial_relation_oo', 'obj_spatial_relation_oc_mv', 'obj_spatial_relation_oo_mv',
  'spatial_imagination_oc', 'spatial_imagination_oo', 'spatial_imagination_oc_mv', 'spatial_imagination_oo_mv',
  'position_matching', 'camera_motion_infer', 'distance_infer_center_oo', 'distance_infer_center_oo_mv',
];
export const SPAR_VCI_TASK = 'view_change_infer';
export const SPAR_LEVELS: Readonly<Record<'low' | 'middle' | 'high', readonly string[]>> = {
  low: SPAR_NA_TASKS,
  middle: ['view_change_infer', 'position_matching', 'camera_motion_infer'],
  high: SPAR_MCA_TASKS.filter((t) => t !== 'position_matching' && t !== 'camera_motion_infer'),
};

// ---------------------------------------------------------------------------------------------
// Reading files

/** A raw SPAR-Bench-like record (the parquet row, written as JSON). */
export interface BenchItem {
  id: string | number;
  task: string;
  answer: string | number;
  question?: string;
  format_type?: string;
  [extra: string]: unknown;
}

export type ScorableItem = QAItem | BenchItem;

export interface ItemSet {
  items: ScorableItem[];
  /** Records whose id was already seen (the later record replaced the earlier). */
  duplicates: number;
  /** One message per line that could not be used, naming the file and the line. */
  problems: string[];
}

export interface PredictionSet {
  byId: Map<string, string>;
  /** Records read, duplicates included. */
  records: number;
  duplicates: number;
  problems: string[];
}

interface RawRecord {
  value: unknown;
  where: string;
}

const describe = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);

/** JSONL (blank lines ignored) or one JSON array. Per-line problems are collected; a file with
 * nothing usable in it throws. */
function readRecords(text: string, name: string, what: string): { records: RawRecord[]; problems: string[] } {
  const body = text.replace(/^\uFEFF/, '');
  if (!body.trim()) throw new UserError(`${name} is empty: expected ${what}, one JSON object a line (JSONL) or a JSON array.`, 'score-empty');
  if (body.trimStart().startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch (e) {
      throw new UserError(`${name} starts with "[" but is not a valid JSON array (${(e as Error).message}). Write a JSON array of objects, or one JSON object a line.`, 'score-json');
    }
    if (!Array.isArray(parsed)) throw new UserError(`${name} is not a JSON array.`, 'score-json');
    return { records: parsed.map((value, i) => ({ value, where: `record ${i + 1}` })), problems: [] };
  }
  const records: RawRecord[] = [];
  const problems: string[] = [];
  body.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    try {
      records.push({ value: JSON.parse(line), where: `line ${i + 1}` });
    } catch (e) {
      problems.push(`${name} line ${i + 1}: not valid JSON: ${jsonProblem(line, e)}.`);
    }
  });
  if (!records.length) {
    let whole: unknown;
    try {
      whole = JSON.parse(body);
    } catch {
      /* not one JSON document either: report the lines */
    }
    if (whole !== undefined)
      throw new UserError(`${name} holds a single JSON ${describe(whole).replace(/^an? /, '')} spread over several lines; expected ${what} as one JSON object a line (JSONL) or a JSON array.`, 'score-json');
  }
  return { records, problems };
}

function noUsable(name: string, what: string, problems: string[]): UserError {
  const n = problems.length;
  return new UserError(`${name} has no usable ${what}: ${n} record${n === 1 ? '' : 's'} could not be read. The first: ${problems[0]}`, 'score-unusable');
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first key of `keys` whose value is neither missing nor null. */
function firstPresent(rec: Record<string, unknown>, keys: readonly string[]): [string, unknown] | null {
  for (const k of keys) if (rec[k] !== undefined && rec[k] !== null) return [k, rec[k]];
  return null;
}

const idText = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : null);

const ID_KEYS = ['id', 'question_id', 'qid'] as const;
const PREDICTION_KEYS = ['prediction', 'pred', 'response', 'answer', 'output', 'text'] as const;
const quoteList = (keys: readonly string[]) => keys.map((k) => `"${k}"`).join(', ');

/** A predictions file: one record per question, an id and the model's text. */
export function parsePredictions(text: string, name: string): PredictionSet {
  const { records, problems } = readRecords(text, name, 'predictions');
  const byId = new Map<string, string>();
  let duplicates = 0;
  for (const { value, where } of records) {
    if (!isObject(value)) {
      problems.push(`${name} ${where}: expected a JSON object with an id and a prediction, found ${describe(value)}.`);
      continue;
    }
    const idField = firstPresent(value, ID_KEYS);
    const id = idField && idText(idField[1]);
    if (id === null || id === undefined) {
      problems.push(`${name} ${where}: no usable id (expected a string or number in ${quoteList(ID_KEYS)}).`);
      continue;
    }
    const predField = firstPresent(value, PREDICTION_KEYS);
    if (!predField) {
      problems.push(`${name} ${where}: no prediction for id ${id} (expected one of ${quoteList(PREDICTION_KEYS)}).`);
      continue;
    }
    const [key, p] = predField;
    if (typeof p !== 'string' && typeof p !== 'number' && typeof p !== 'boolean') {
      problems.push(`${name} ${where}: "${key}" for id ${id} is ${describe(p)}; expected the model's text.`);
      continue;
    }
    if (byId.has(id)) duplicates++;
    byId.set(id, String(p));
  }
  if (!byId.size) throw noUsable(name, 'predictions', problems);
  return { byId, records: records.length, duplicates, problems };
}

const FORMATS: readonly QAFormat[] = ['fill', 'select', 'sentence', 'judge'];

/** QA items: ours (with `spatial_lens`) or raw SPAR-Bench-like records (`id`, `task`, `answer`). */
export function parseItems(text: string, name: string): ItemSet {
  const { records, problems } = readRecords(text, name, 'QA items');
  const byId = new Map<string, ScorableItem>();
  let duplicates = 0;
  for (const { value, where } of records) {
    if (!isObject(value)) {
      problems.push(`${name} ${where}: expected a QA item (a JSON object), found ${describe(value)}.`);
      continue;
    }
    const id = idText(value.id);
    const missing = [
      id === null && '"id" (a string or number)',
      (typeof value.task !== 'string' || !value.task) && '"task"',
      typeof value.answer !== 'string' && typeof value.answer !== 'number' && '"answer"',
    ].filter(Boolean);
    if (missing.length || id === null) {
      problems.push(`${name} ${where}: not a QA item, it lacks ${missing.join(', ')}.`);
      continue;
    }
    if (value.spatial_lens !== undefined) {
      const sl = value.spatial_lens;
      if (!isObject(sl) || !FORMATS.includes(sl.format as QAFormat)) {
        problems.push(`${name} ${where}: item ${id} has "spatial_lens" without a "format" of ${FORMATS.join(', ')}.`);
        continue;
      }
    }
    if (byId.has(id)) duplicates++;
    byId.set(id, value as ScorableItem);
  }
  if (!byId.size) throw noUsable(name, 'QA items', problems);
  return { items: [...byId.values()], duplicates, problems };
}

// ---------------------------------------------------------------------------------------------
// Scoring

/** numeric: MRA + Q-Spatial + SpatialRGPT; choice: SPAR exact match; exact: case-insensitive
 * trimmed equality; vector: a 3D direction within an angle or a 3D point within a share of its
 * distance; vci: SPAR view-change metric; free-text: listed, not scored. */
export type MetricKind = 'numeric' | 'choice' | 'exact' | 'vector' | 'vci' | 'free-text';

/** HiSpatial counts directions within an angle as right (its number is not given): ours. */
export const DIRECTION_SUCCESS_DEG = 30;
/** A predicted 3D point counts when within this share of the true point's distance (SpatialRGPT's 25 %). */
export const POINT_SUCCESS_SHARE = 0.25;

/** The first three signed numbers of a prediction ("(0.41, -0.12, 2.30)"), or null. */
export function parseVector3(text: string): [number, number, number] | null {
  const m = text.match(/-?\d+(?:\.\d+)?(?:e-?\d+)?/gi);
  if (!m || m.length < 3) return null;
  return [Number(m[0]), Number(m[1]), Number(m[2])];
}

/** Direction items succeed within DIRECTION_SUCCESS_DEG, point items within POINT_SUCCESS_SHARE. */
export function vectorSuccess(task: string, pred: readonly number[], truth: readonly number[]): boolean {
  const dot = pred[0] * truth[0] + pred[1] * truth[1] + pred[2] * truth[2];
  const np = Math.hypot(pred[0], pred[1], pred[2]), nt = Math.hypot(truth[0], truth[1], truth[2]);
  if (task.endsWith('direction_vector')) {
    if (!(np > 0) || !(nt > 0)) return false;
    return (Math.acos(Math.max(-1, Math.min(1, dot / (np * nt)))) * 180) / Math.PI <= DIRECTION_SUCCESS_DEG;
  }
  return Math.hypot(pred[0] - truth[0], pred[1] - truth[1], pred[2] - truth[2]) <= POINT_SUCCESS_SHARE * nt;
}

export interface TaskRow {
  task: string;
  kind: MetricKind;
  /** Items of this task and kind. */
  items: number;
  /** Items with a prediction: the denominator of every rate in the row. */
  n: number;
  /** Items without a prediction (not scored). */
  missing: number;
  /** The row's main score in [0, 1] (MRA, accuracy or the vci metric); null when n is 0 or free text. */
  score: number | null;
  mra?: number;
  qspatial?: number;
  srgpt?: number;
  accuracy?: number;
  vci?: number;
  /** Numeric rows: predictions with no number in them (scored 0, as SPAR does). */
  noNumber?: number;
  /** Numeric rows: items whose target is not a number (scored 0, as SPAR does). */
  noTarget?: number;
  /** Predictions that are empty or blank. In choice rows an empty one matches (SPAR's quirk). */
  empty: number;
  /** Numeric rows: predictions naming a unit Q-Spatial does not know (taken as ×1). */
  unknownUnit?: number;
}

export interface ScoreReport {
  items: number;
  predictions: number;
  duplicatePredictions: number;
  matched: number;
  unmatched: { count: number; first: string[] };
  itemsWithoutPrediction: number;
  rows: TaskRow[];
  /** Mean of the rows' scores (SPAR's `overall`), null when no row has one. */
  overall: number | null;
  /** Mean of the row scores of SPAR's Low/Middle/High task ids; null when none is present. */
  levels: { low: number | null; middle: number | null; high: number | null } | null;
}

interface View {
  id: string;
  task: string;
  answer: string;
  format?: string;
  value?: unknown;
  unit?: string;
  ours: boolean;
}

function viewOf(item: ScorableItem): View {
  const sl = (item as QAItem).spatial_lens as QAItem['spatial_lens'] | undefined;
  const base = { id: String(item.id), task: item.task, answer: String(item.answer) };
  if (isObject(sl)) return { ...base, format: sl.format, value: sl.value, unit: typeof sl.unit === 'string' ? sl.unit : undefined, ours: true };
  const ft = (item as BenchItem).format_type;
  // SPAR's depth and distance questions say "The unit is meter".
  return { ...base, format: typeof ft === 'string' ? ft : undefined, unit: SPAR_NA_TASKS.includes(item.task) ? 'm' : undefined, ours: false };
}

/** Our format decides for our items (a SPAR task id may come in any of the four formats); raw
 * records follow SPAR's task lists, then `format_type`. */
function kindOf(v: View): MetricKind {
  if (v.format === 'select' || v.format === 'judge') return 'choice';
  if (v.task === SPAR_VCI_TASK) return 'vci';
  if (v.ours) {
    if (typeof v.value === 'number') return 'numeric';
    if (Array.isArray(v.value) && v.value.length === 3 && v.value.every((x) => typeof x === 'number')) return 'vector';
    return v.format === 'sentence' ? 'free-text' : 'exact';
  }
  if (SPAR_NA_TASKS.includes(v.task)) return 'numeric';
  if (SPAR_MCA_TASKS.includes(v.task)) return 'choice';
  if (pythonFloat(v.answer) !== null) return 'numeric';
  return v.format === 'sentence' ? 'free-text' : 'exact';
}

/** A bare-number answer as SPAR reads it (`float(answer)`). For a prose answer, the item's
 * exact value when it has one (picking a number out of prose can pick "2" in "the 2 chairs"),
 * else the number SPAR's parse finds. */
function targetOf(v: View, multiView: boolean): number | null {
  const bare = pythonFloat(v.answer);
  if (bare !== null) return bare;
  if (typeof v.value === 'number') return v.value;
  return parseSparNumber(v.answer, multiView);
}

/** Judge answers are "True"/"False"; a model writes "true." or "False, because…". Its first
 * word, stripped of punctuation, goes to SPAR's exact match. */
function firstWord(text: string): string {
  const w = text.trim().split(/\s+/)[0] ?? '';
  return w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

interface Acc {
  task: string;
  kind: MetricKind;
  items: number;
  n: number;
  empty: number;
  main: number;
  qspatial: number;
  srgpt: number;
  noNumber: number;
  noTarget: number;
  unknownUnit: number;
}

interface NumericScore {
  mra: number;
  qspatial: boolean;
  srgpt: boolean;
  noNumber: boolean;
  noTarget: boolean;
  unknownUnit: boolean;
}

function scoreNumeric(v: View, prediction: string): NumericScore {
  const multiView = v.task.endsWith('_mv');
  const target = targetOf(v, multiView);
  const m = sparNumberMatch(prediction, multiView);
  const fail = { mra: 0, qspatial: false, srgpt: false, noNumber: !m, noTarget: target === null, unknownUnit: false };
  if (!m || target === null) return fail;
  // MRA compares the bare numbers, as SPAR does; the two success rules honour a unit the
  // prediction names ("130 cm" against an answer in metres).
  const mra = sparMra(m.value, target);
  if (!isLengthUnit(v.unit)) return { ...fail, mra, qspatial: qspatialSuccess(m.value, target), srgpt: srgptSuccess(m.value, target) };
  const boxed = lastCapture(prediction, DISTANCE_UNIT);
  const predUnit = boxed !== null ? boxed.trim() : unitAfter(prediction, m.end);
  const gtCm = toCentimetres(target, v.unit!).cm;
  const p = predUnit === null ? { cm: toCentimetres(m.value, v.unit!).cm, known: true } : toCentimetres(m.value, predUnit);
  const predInItemUnit = predUnit === null || predUnit.toLowerCase() === v.unit!.toLowerCase() ? m.value : p.cm / toCentimetres(1, v.unit!).cm;
  return { ...fail, mra, qspatial: qspatialSuccess(p.cm, gtCm), srgpt: srgptSuccess(predInItemUnit, target), unknownUnit: !p.known };
}

const mean = (xs: number[]): number | null => {
  if (!xs.length) return null;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
};

/** Scores every item that has a prediction; ids are compared as strings. */
export function scoreItems(items: readonly ScorableItem[], predictions: PredictionSet | ReadonlyMap<string, string>): ScoreReport {
  const byId: ReadonlyMap<string, string> = predictions instanceof Map ? predictions : (predictions as PredictionSet).byId;
  const rows = new Map<string, Acc>();
  const itemIds = new Set<string>();
  let matched = 0;
  for (const item of items) {
    const v = viewOf(item);
    itemIds.add(v.id);
    const kind = kindOf(v);
    const key = `${v.task}\u0000${kind}`;
    let acc = rows.get(key);
    if (!acc) rows.set(key, (acc = { task: v.task, kind, items: 0, n: 0, empty: 0, main: 0, qspatial: 0, srgpt: 0, noNumber: 0, noTarget: 0, unknownUnit: 0 }));
    acc.items++;
    const pred = byId.get(v.id);
    if (pred === undefined) continue;
    matched++;
    acc.n++;
    if (!pred.trim()) acc.empty++;
    switch (kind) {
      case 'numeric': {
        const s = scoreNumeric(v, pred);
        acc.main += s.mra;
        acc.qspatial += +s.qspatial;
        acc.srgpt += +s.srgpt;
        acc.noNumber += +s.noNumber;
        acc.noTarget += +s.noTarget;
        acc.unknownUnit += +s.unknownUnit;
        break;
      }
      case 'choice':
        acc.main += +sparExactMatch(v.format === 'judge' ? firstWord(pred) : pred, v.answer);
        break;
      case 'exact':
        acc.main += +(pred.trim().toLowerCase() === v.answer.trim().toLowerCase());
        break;
      case 'vector': {
        const p = parseVector3(pred);
        acc.main += +(p !== null && vectorSuccess(v.task, p, v.value as number[]));
        break;
      }
      case 'vci':
        acc.main += vciMetric(v.answer, pred);
        break;
      case 'free-text':
        break;
    }
  }
  const out: TaskRow[] = [...rows.values()]
    .sort((a, b) => (a.task < b.task ? -1 : a.task > b.task ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0))
    .map(rowOf);
  const unmatchedIds = [...byId.keys()].filter((id) => !itemIds.has(id));
  const scored = out.filter((r) => r.score !== null);
  const levelMean = (tasks: readonly string[]) => mean(scored.filter((r) => tasks.includes(r.task)).map((r) => r.score!));
  const anySpar = scored.some((r) => SPAR_NA_TASKS.includes(r.task) || SPAR_MCA_TASKS.includes(r.task) || r.task === SPAR_VCI_TASK);
  return {
    items: itemIds.size,
    predictions: byId.size,
    duplicatePredictions: predictions instanceof Map ? 0 : (predictions as PredictionSet).duplicates,
    matched,
    unmatched: { count: unmatchedIds.length, first: unmatchedIds.slice(0, 5) },
    itemsWithoutPrediction: itemIds.size - matched,
    rows: out,
    overall: mean(scored.map((r) => r.score!)),
    levels: anySpar ? { low: levelMean(SPAR_LEVELS.low), middle: levelMean(SPAR_LEVELS.middle), high: levelMean(SPAR_LEVELS.high) } : null,
  };
}

function rowOf(a: Acc): TaskRow {
  const rate = (x: number) => x / a.n;
  const score = a.kind === 'free-text' || a.n === 0 ? null : rate(a.main);
  const row: TaskRow = { task: a.task, kind: a.kind, items: a.items, n: a.n, missing: a.items - a.n, score, empty: a.empty };
  if (a.kind === 'numeric') {
    Object.assign(row, { noNumber: a.noNumber, noTarget: a.noTarget, unknownUnit: a.unknownUnit });
    if (a.n) Object.assign(row, { mra: score, qspatial: rate(a.qspatial), srgpt: rate(a.srgpt) });
  } else if ((a.kind === 'choice' || a.kind === 'exact' || a.kind === 'vector') && a.n) row.accuracy = score!;
  else if (a.kind === 'vci' && a.n) row.vci = score!;
  return row;
}

// ---------------------------------------------------------------------------------------------
// Plain-text report

/** ×100 with one decimal, as SPAR reports; "–" for no value. */
export const pct = (x: number | null | undefined): string => (x === null || x === undefined ? '–' : (x * 100).toFixed(1));

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  // The task column reads left-aligned, the figures right-aligned.
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The report as text: a table per kind of metric with a row per task, then the overall lines
 * and the match summary. */
export function formatScoreTable(report: ScoreReport): string {
  const out: string[] = [];
  const section = (kind: MetricKind, title: string, header: string[], cells: (r: TaskRow) => string[]) => {
    const rows = report.rows.filter((r) => r.kind === kind);
    if (!rows.length) return;
    if (out.length) out.push('');
    out.push(title, ...table(['task', ...header], rows.map((r) => [r.task, ...cells(r)])));
  };
  section('numeric', 'Numeric answers (MRA as SPAR-Bench; Q-Spatial: within 2×; SpatialRGPT: within ±25 %)', ['n', 'no pred', 'MRA', 'Q-Spatial', 'SpatialRGPT', 'no number'], (r) => [
    String(r.n), String(r.missing), pct(r.mra), pct(r.qspatial), pct(r.srgpt), String(r.noNumber ?? 0),
  ]);
  section('choice', 'Choice answers (SPAR exact match; an empty prediction counts as a match, as in SPAR)', ['n', 'no pred', 'accuracy', 'empty'], (r) => [
    String(r.n), String(r.missing), pct(r.accuracy), String(r.empty),
  ]);
  section('exact', 'Other fill answers (case-insensitive exact match)', ['n', 'no pred', 'accuracy'], (r) => [String(r.n), String(r.missing), pct(r.accuracy)]);
  section('vector', `3D answers (directions within ${DIRECTION_SUCCESS_DEG}°, points within ${POINT_SUCCESS_SHARE * 100} % of their distance)`, ['n', 'no pred', 'accuracy'], (r) => [
    String(r.n), String(r.missing), pct(r.accuracy),
  ]);
  section('vci', 'View change (SPAR vci metric: MRA on 5 signed axes)', ['n', 'no pred', 'VCI'], (r) => [String(r.n), String(r.missing), pct(r.vci)]);
  section('free-text', 'Not scored (free text)', ['items', 'with pred'], (r) => [String(r.items), String(r.n)]);

  const scored = report.rows.filter((r) => r.score !== null).length;
  if (out.length) out.push('');
  out.push(`overall: ${pct(report.overall)} (mean of ${plural(scored, 'task score')})`);
  if (report.levels) out.push(`SPAR levels: Low ${pct(report.levels.low)}, Middle ${pct(report.levels.middle)}, High ${pct(report.levels.high)}`);
  const noTarget = report.rows.reduce((s, r) => s + (r.noTarget ?? 0), 0);
  if (noTarget) out.push(`${plural(noTarget, 'numeric item')} had no number in the answer and scored 0`);
  const unknownUnit = report.rows.reduce((s, r) => s + (r.unknownUnit ?? 0), 0);
  if (unknownUnit) out.push(`${plural(unknownUnit, 'prediction')} named a unit Q-Spatial does not know; taken as centimetres, as its evaluator does`);
  const empty = report.rows.reduce((s, r) => s + r.empty, 0);
  if (empty) out.push(`empty predictions: ${empty}`);
  out.push(`matched ${report.matched} of ${report.predictions} predictions to the ${report.items} items; ${plural(report.itemsWithoutPrediction, 'item')} had none`);
  if (report.unmatched.count)
    out.push(`${report.unmatched.count} prediction id${report.unmatched.count === 1 ? ' matches' : 's match'} no item, e.g. ${report.unmatched.first.join(', ')}`);
  if (report.duplicatePredictions) out.push(`${plural(report.duplicatePredictions, 'prediction')} repeated an id; the last one was used`);
  return out.join('\n');
}
