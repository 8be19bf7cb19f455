// Blind strategies: how well multiple-choice and true/false items can be answered from their
// options alone, without the image. A benchmark whose answer is "the option in the middle", "the
// most isolated value" or "always True" more often than chance measures a shortcut, not spatial
// understanding. Each strategy gets the options (or the statement) of an item and nothing else;
// its accuracy is compared with chance (1 / number of options). The learned baseline is a logistic
// regression on option-only features, trained on one half of the items and scored on the other
// (a seeded split by item id), per task.
import { hashString } from '../generate/task';
import type { QAItem } from '../types';
import { type BinarySample, type ChoiceSample, trainBinary, trainChoice } from './logistic';
import { type OptionSet, letterIndex, optionDistance, printedDecimals, readOptions, scalarAxis, stripLetter } from './options';

export type StrategyId =
  | 'smallest'
  | 'largest'
  | 'second-smallest'
  | 'second-largest'
  | 'geometric-mean'
  | 'median'
  | 'typical'
  | 'most-isolated'
  | 'least-isolated'
  | 'longest'
  | 'shortest'
  | 'letter'
  | 'true'
  | 'false'
  | 'learned'
  | 'learned-magnitude';

export interface StrategyInfo {
  id: StrategyId;
  /** Column header (six characters at most). */
  short: string;
  title: string;
  /** Kept out of the targets: it reads the quantities' magnitudes, i.e. world knowledge. */
  prior?: boolean;
}

export const STRATEGIES: readonly StrategyInfo[] = [
  { id: 'smallest', short: 'min', title: 'the smallest number' },
  { id: 'largest', short: 'max', title: 'the largest number' },
  { id: 'second-smallest', short: 'min2', title: 'the second smallest number' },
  { id: 'second-largest', short: 'max2', title: 'the second largest number' },
  { id: 'geometric-mean', short: 'gmean', title: 'the number closest to the geometric mean of the options' },
  { id: 'median', short: 'median', title: 'the option closest to the median of the options' },
  { id: 'typical', short: 'typic', title: 'the option most like the others (least total distance; log space for numbers)' },
  { id: 'most-isolated', short: 'isol', title: 'the option farthest from its nearest neighbour (log space for numbers)' },
  { id: 'least-isolated', short: 'crowd', title: 'the option nearest to its nearest neighbour' },
  { id: 'longest', short: 'long', title: 'the longest option text' },
  { id: 'shortest', short: 'short', title: 'the shortest option text' },
  { id: 'letter', short: 'letter', title: 'the letter that is most often right in the set' },
  { id: 'true', short: 'true', title: '"True" always' },
  { id: 'false', short: 'false', title: '"False" always' },
  { id: 'learned', short: 'LR', title: 'logistic regression on option-only features (shape, letters, length, printing, words), each half of the scenes scored by the model trained on the other' },
  { id: 'learned-magnitude', short: 'LR+mag', title: 'the same with the options’ magnitudes (a prior on typical values: world knowledge)', prior: true },
];

/** An item as a blind reader sees it. */
export interface BlindCase {
  id: string;
  /** The scene (or image set) it is about: the learned baseline's halves never share one. */
  group: string;
  task: string;
  format: 'select' | 'judge';
  /** Select: the options. */
  options?: OptionSet;
  /** Select: index of the right option; judge: 1 for True, 0 for False. */
  answer: number;
  /** Judge: the statement. */
  statement?: string;
}

/** The scene an item is about, else its images. */
const groupOf = (item: QAItem) => (typeof item.spatial_lens?.scene === 'string' && item.spatial_lens.scene) || JSON.stringify(item.image ?? []);

/** The item as a blind case, or null when it is not a well-formed select or judge item. */
export function blindCase(item: QAItem): BlindCase | null {
  const sl = item.spatial_lens;
  const format = sl?.format;
  if (format === 'select') {
    const opts = sl.options;
    if (!Array.isArray(opts) || opts.length < 2 || opts.some((o) => typeof o !== 'string')) return null;
    const answer = letterIndex(String(item.answer));
    if (answer < 0 || answer >= opts.length) return null;
    return { id: String(item.id), group: groupOf(item), task: String(item.task), format, options: readOptions(opts.map(stripLetter)), answer };
  }
  if (format === 'judge') {
    const a = String(item.answer).trim().toLowerCase();
    if (a !== 'true' && a !== 'false') return null;
    return { id: String(item.id), group: groupOf(item), task: String(item.task), format, answer: a === 'true' ? 1 : 0, statement: String(item.question) };
  }
  return null;
}

const chanceOf = (c: BlindCase) => (c.format === 'judge' ? 0.5 : 1 / c.options!.texts.length);

/** Credit of picking the best-scoring option: 1 / (options tied at the best) when the answer is among them. */
function credit(scores: number[], answer: number, best: 'max' | 'min'): number {
  const target = best === 'max' ? Math.max(...scores) : Math.min(...scores);
  const tol = 1e-9 * Math.max(1, Math.abs(target));
  const tied = scores.map((s, i) => (Math.abs(s - target) <= tol ? i : -1)).filter((i) => i >= 0);
  return tied.includes(answer) ? 1 / tied.length : 0;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Each option's nearest-neighbour distance and total distance to the others. */
function neighbourhood(s: OptionSet): { nearest: number[]; total: number[] } {
  const n = s.texts.length;
  const nearest = new Array<number>(n).fill(Infinity), total = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const d = optionDistance(s, i, j);
      nearest[i] = Math.min(nearest[i], d);
      total[i] += d;
    }
  return { nearest, total };
}

/** Credit of each fixed (non-learned) strategy on one select case; absent where it does not apply. */
function selectCredits(c: BlindCase): Map<StrategyId, number> {
  const s = c.options!;
  const out = new Map<StrategyId, number>();
  const a = c.answer;
  const axis = scalarAxis(s);
  if (axis) {
    out.set('smallest', credit(axis, a, 'min'));
    out.set('largest', credit(axis, a, 'max'));
    if (axis.length >= 3) {
      const sorted = [...axis].sort((x, y) => x - y);
      out.set('second-smallest', credit(axis.map((v) => -Math.abs(v - sorted[1])), a, 'max'));
      out.set('second-largest', credit(axis.map((v) => -Math.abs(v - sorted[sorted.length - 2])), a, 'max'));
    }
    const mean = axis.reduce((x, y) => x + y, 0) / axis.length;
    out.set('geometric-mean', credit(axis.map((v) => Math.abs(v - mean)), a, 'min'));
    const med = median(axis);
    out.set('median', credit(axis.map((v) => Math.abs(v - med)), a, 'min'));
  } else if (s.kind === 'tuple') {
    const dims = s.numbers![0].length;
    const med = Array.from({ length: dims }, (_, k) => median(s.numbers!.map((n) => n[k])));
    out.set('median', credit(s.numbers!.map((n) => Math.hypot(...n.map((x, k) => x - med[k]))), a, 'min'));
  }
  const { nearest, total } = neighbourhood(s);
  out.set('typical', credit(total, a, 'min'));
  out.set('most-isolated', credit(nearest, a, 'max'));
  out.set('least-isolated', credit(nearest, a, 'min'));
  const lengths = s.texts.map((t) => t.length);
  out.set('longest', credit(lengths, a, 'max'));
  out.set('shortest', credit(lengths, a, 'min'));
  return out;
}

// ---- features of the learned baseline ----

const TOKEN_BUCKETS = 48;
const SELECT_BASE = 24;
export const SELECT_FEATURES = SELECT_BASE + 2 + TOKEN_BUCKETS;

/** Standardisation of an option's log magnitude, from the training half. */
interface Magnitude {
  mean: number;
  sd: number;
}

const logMagnitude = (s: OptionSet, i: number): number | null => {
  if (s.kind !== 'scalar' && s.kind !== 'tuple') return null;
  const n = s.numbers![i];
  const m = Math.hypot(...n);
  return m > 0 ? Math.log(m) : null;
};

const zscore = (xs: number[]) => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length);
  return xs.map((x) => (sd > 1e-12 ? (x - m) / sd : 0));
};

const isExtreme = (xs: number[], i: number, best: 'max' | 'min') => {
  const t = best === 'max' ? Math.max(...xs) : Math.min(...xs);
  return Math.abs(xs[i] - t) <= 1e-9 * Math.max(1, Math.abs(t)) ? 1 : 0;
};

/** Option-only features of each option of a select case; `mag` adds its standardised log magnitude. */
export function optionFeatures(s: OptionSet, mag: Magnitude | null): Float64Array[] {
  const n = s.texts.length;
  const { nearest, total } = neighbourhood(s);
  const lengths = s.texts.map((t) => t.length);
  const zTotal = zscore(total), zNearest = zscore(nearest), zLength = zscore(lengths);
  const axis = scalarAxis(s);
  const zAxis = axis ? zscore(axis) : null;
  const ranks = axis ? axis.map((v) => axis.filter((w) => w < v).length) : null;
  const decimals = axis ? printedDecimals(s) : null;
  const meanDecimals = decimals ? decimals.reduce((a, b) => a + b, 0) / n : 0;
  return s.texts.map((text, i) => {
    const f = new Float64Array(SELECT_FEATURES);
    if (i < 6) f[i] = 1;
    f[6] = n > 1 ? i / (n - 1) : 0;
    f[7] = zLength[i];
    f[8] = isExtreme(lengths, i, 'max');
    f[9] = isExtreme(lengths, i, 'min');
    f[10] = zTotal[i];
    f[11] = zNearest[i];
    f[12] = isExtreme(total, i, 'min');
    f[13] = isExtreme(total, i, 'max');
    f[14] = isExtreme(nearest, i, 'max');
    f[15] = isExtreme(nearest, i, 'min');
    if (axis && ranks && zAxis && decimals) {
      if (ranks[i] < 4) f[16 + ranks[i]] = 1;
      f[20] = zAxis[i];
      f[21] = Math.abs(zAxis[i]);
      f[22] = decimals[i] - meanDecimals;
      f[23] = /[05]$/.test(text.match(/-?\d+(?:\.\d+)?/)?.[0] ?? '') ? 1 : 0;
    }
    const lm = logMagnitude(s, i);
    if (mag && lm !== null) {
      const z = (lm - mag.mean) / mag.sd;
      f[SELECT_BASE] = z;
      f[SELECT_BASE + 1] = z * z;
    }
    const tokens = s.kind === 'category' ? s.parts![i].map((p, k) => `${k}:${p}`) : s.kind === 'text' ? [...s.words![i]] : [];
    for (const t of tokens) f[SELECT_BASE + 2 + (hashString(t) % TOKEN_BUCKETS)] += 1;
    return f;
  });
}

const JUDGE_BUCKETS = 96;
const JUDGE_BASE = 6;
export const JUDGE_FEATURES = JUDGE_BASE + 4 + JUDGE_BUCKETS;
const MORE = /\b(more than|exceeds?|over|farther than|longer than|greater than|at least)\b/i;
const LESS = /\b(less than|under|closer than|shorter than|at most)\b/i;

/** The last number a statement states (the claimed value), and which side of it the claim puts the quantity. */
export function statementClaim(statement: string): { value: number | null; side: number; text: string | null } {
  const nums = statement.match(/-?\d+(?:\.\d+)?/g);
  const text = nums ? nums[nums.length - 1] : null;
  const side = MORE.test(statement) ? 1 : LESS.test(statement) ? -1 : 0;
  return { value: text === null ? null : Number(text), side, text };
}

/** Statement-only features of a judge case; `mag` adds the claimed value's standardised log magnitude. */
export function statementFeatures(statement: string, mag: Magnitude | null): Float64Array {
  const f = new Float64Array(JUDGE_FEATURES);
  const claim = statementClaim(statement);
  f[0] = claim.value === null ? 0 : 1;
  f[1] = claim.side;
  if (claim.text) {
    f[2] = claim.text.includes('.') ? claim.text.split('.')[1].length : 0;
    f[3] = /[05]$/.test(claim.text) ? 1 : 0;
    f[4] = /0$/.test(claim.text) ? 1 : 0;
  }
  f[5] = statement.length / 100;
  if (mag && claim.value !== null && claim.value > 0) {
    const z = (Math.log(claim.value) - mag.mean) / mag.sd;
    f[JUDGE_BASE] = z;
    f[JUDGE_BASE + 1] = z * z;
    f[JUDGE_BASE + 2] = claim.side * z;
    f[JUDGE_BASE + 3] = claim.side * z * z;
  }
  const words = statement.toLowerCase().replace(/-?\d+(?:\.\d+)?/g, ' # ').match(/[a-z#]+/g) ?? [];
  for (const w of new Set(words)) f[JUDGE_BASE + 4 + (hashString(w) % JUDGE_BUCKETS)] = 1;
  return f;
}

function magnitudeOf(values: number[]): Magnitude | null {
  if (values.length < 2) return null;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
  return { mean, sd: sd > 1e-9 ? sd : 1 };
}

/**
 * Which half a case is in: halves by scene (seeded), so that a model is never scored on a scene it
 * was trained on. Split by item, the items of one scene would share a finite set of answers (each
 * object asked about once), and what one half has more of the other has less of: a model trained
 * on one half would score below chance on the other.
 */
export const inTrainingHalf = (c: BlindCase, seed: number, byItem = false) => (hashString(byItem ? c.id : c.group, hashString(`blind-split:${seed}`)) & 1) === 0;

/** Smallest training half for which a task gets a learned model. */
const MIN_TRAINING = 20;

/**
 * Learned credits of one task's cases (both variants), keyed by case index: two-fold, each half
 * scored by the model trained on the other half, so every case gets an out-of-sample prediction.
 */
function learnedCredits(cases: BlindCase[], seed: number, maxTraining: number): Map<number, Map<StrategyId, number>> {
  const out = new Map<number, Map<StrategyId, number>>();
  const put = (i: number, id: StrategyId, v: number) => (out.get(i) ?? out.set(i, new Map()).get(i)!).set(id, v);
  for (const format of ['select', 'judge'] as const) {
    const idx = cases.map((c, i) => (c.format === format ? i : -1)).filter((i) => i >= 0);
    let halves = [idx.filter((i) => inTrainingHalf(cases[i], seed)), idx.filter((i) => !inTrainingHalf(cases[i], seed))];
    // one scene (or a few) cannot be split by scene: then by item
    if (Math.min(halves[0].length, halves[1].length) < MIN_TRAINING) halves = [idx.filter((i) => inTrainingHalf(cases[i], seed, true)), idx.filter((i) => !inTrainingHalf(cases[i], seed, true))];
    for (const [all, test] of [halves, [halves[1], halves[0]]]) {
      const train = all.length > maxTraining ? subset(all, maxTraining, cases, seed) : all;
      if (train.length < MIN_TRAINING || !test.length) continue;
      for (const withMagnitude of [false, true]) {
        const id: StrategyId = withMagnitude ? 'learned-magnitude' : 'learned';
        let mag: Magnitude | null = null;
        if (withMagnitude) {
          const logs =
            format === 'select'
              ? train.flatMap((i) => cases[i].options!.texts.map((_, k) => logMagnitude(cases[i].options!, k)).filter((x): x is number => x !== null))
              : train.map((i) => statementClaim(cases[i].statement!).value).filter((v): v is number => v !== null && v > 0).map(Math.log);
          mag = magnitudeOf(logs);
          if (!mag) continue;
        }
        if (format === 'select') {
          const features = (c: BlindCase) => optionFeatures(c.options!, mag);
          const model = trainChoice(train.map((i): ChoiceSample => ({ features: features(cases[i]), answer: cases[i].answer })), TRAINING);
          for (const i of test) put(i, id, credit([...model(features(cases[i]))], cases[i].answer, 'max'));
        } else {
          const model = trainBinary(train.map((i): BinarySample => ({ features: statementFeatures(cases[i].statement!, mag), truth: cases[i].answer === 1 })), TRAINING);
          for (const i of test) {
            const p = model(statementFeatures(cases[i].statement!, mag));
            put(i, id, p === 0.5 ? 0.5 : (p > 0.5 ? 1 : 0) === cases[i].answer ? 1 : 0);
          }
        }
      }
    }
  }
  return out;
}

/** `n` of the cases at `idx`, picked by a seeded hash of their ids. */
function subset(idx: number[], n: number, cases: BlindCase[], seed: number): number[] {
  const salt = hashString(`blind-subset:${seed}`);
  return [...idx].sort((a, b) => hashString(cases[a].id, salt) - hashString(cases[b].id, salt) || a - b).slice(0, n);
}

/** A firm penalty: a few hundred items per task, dozens of features. */
const TRAINING = { iterations: 300, rate: 0.5, l2: 1e-2 };

export interface StrategyResult {
  /** Items the strategy applies to. */
  n: number;
  /** Share it answers right, 0–1. */
  accuracy: number;
  /** Chance on the same items, 0–1. */
  chance: number;
  /** accuracy − chance, in points (0–100). */
  excess: number;
}

export interface BlindRow {
  /** "all", "select", "judge" or a task id. */
  group: string;
  items: number;
  select: number;
  judge: number;
  /** Mean chance over the row's items, 0–1. */
  chance: number;
  results: Map<StrategyId, StrategyResult>;
  /**
   * The strategy farthest from chance (either way: one far below chance is a shortcut too, by
   * avoiding its pick) among those that count towards the targets (n ≥ minN).
   */
  worst: { strategy: StrategyId; excess: number } | null;
  /** The same for the magnitude prior. */
  prior: StrategyResult | null;
}

export interface BlindReport {
  /** Items that were neither well-formed select nor judge items (fill, sentence, malformed). */
  skipped: number;
  overall: BlindRow;
  byFormat: BlindRow[];
  tasks: BlindRow[];
}

export interface BlindOptions {
  /** Seed of the train/test split. */
  seed?: number;
  /**
   * The learned baseline trains on at most this many items per task and half (a seeded subset;
   * every item is still scored): enough to find a shortcut, and quick on 100k items. Default 3000.
   */
  maxTraining?: number;
  /** A strategy needs at least this many items in a row to count towards its worst excess (default 20). */
  minN?: number;
}

interface Acc {
  n: number;
  credit: number;
  chance: number;
}

function row(group: string, cases: BlindCase[], credits: Map<StrategyId, number>[], minN: number): BlindRow {
  const accs = new Map<StrategyId, Acc>();
  cases.forEach((c, k) => {
    for (const [id, v] of credits[k]) {
      const a = accs.get(id) ?? accs.set(id, { n: 0, credit: 0, chance: 0 }).get(id)!;
      a.n++;
      a.credit += v;
      a.chance += chanceOf(c);
    }
  });
  const results = new Map<StrategyId, StrategyResult>();
  let worst: BlindRow['worst'] = null;
  for (const s of STRATEGIES) {
    const a = accs.get(s.id);
    if (!a?.n) continue;
    const r = { n: a.n, accuracy: a.credit / a.n, chance: a.chance / a.n, excess: (100 * (a.credit - a.chance)) / a.n };
    results.set(s.id, r);
    if (!s.prior && a.n >= minN && (!worst || Math.abs(r.excess) > Math.abs(worst.excess))) worst = { strategy: s.id, excess: r.excess };
  }
  const prior = results.get('learned-magnitude') ?? null;
  return {
    group,
    items: cases.length,
    select: cases.filter((c) => c.format === 'select').length,
    judge: cases.filter((c) => c.format === 'judge').length,
    chance: cases.reduce((s, c) => s + chanceOf(c), 0) / Math.max(1, cases.length),
    results,
    worst,
    prior: prior && prior.n >= minN ? prior : null,
  };
}

/** Credits of the "most frequent letter" strategy within a group (in-sample: it describes the set). */
function letterCredits(cases: BlindCase[]): number[] {
  const counts = new Map<number, number>();
  for (const c of cases) if (c.format === 'select') counts.set(c.answer, (counts.get(c.answer) ?? 0) + 1);
  const top = Math.max(0, ...counts.values());
  const modes = [...counts].filter(([, n]) => n === top).map(([l]) => l);
  return cases.map((c) => (c.format === 'select' && modes.includes(c.answer) ? 1 / modes.length : 0));
}

/** Plays every blind strategy on the items (select and judge ones; others are counted as skipped). */
export function blindReport(items: readonly QAItem[], opts: BlindOptions = {}): BlindReport {
  const seed = opts.seed ?? 0;
  const minN = opts.minN ?? 20;
  const cases: BlindCase[] = [];
  let skipped = 0;
  for (const it of items) {
    const c = blindCase(it);
    if (c) cases.push(c);
    else skipped++;
  }
  const fixed = cases.map((c) => {
    if (c.format === 'select') return selectCredits(c);
    return new Map<StrategyId, number>([
      ['true', c.answer === 1 ? 1 : 0],
      ['false', c.answer === 0 ? 1 : 0],
    ]);
  });
  const byTask = new Map<string, number[]>();
  cases.forEach((c, i) => (byTask.get(c.task) ?? byTask.set(c.task, []).get(c.task)!).push(i));
  // learned models are per task; their credits join the fixed ones
  for (const idx of byTask.values()) {
    const learned = learnedCredits(
      idx.map((i) => cases[i]),
      seed,
      opts.maxTraining ?? 3000,
    );
    for (const [k, m] of learned) for (const [id, v] of m) fixed[idx[k]].set(id, v);
  }
  /** A group's credits with its own "most frequent letter". */
  const groupRow = (group: string, idx: number[]) => {
    const sub = idx.map((i) => cases[i]);
    const letters = letterCredits(sub);
    const credits = idx.map((i, k) => {
      const m = new Map(fixed[i]);
      if (sub[k].format === 'select') m.set('letter', letters[k]);
      return m;
    });
    return row(group, sub, credits, minN);
  };
  const all = cases.map((_, i) => i);
  return {
    skipped,
    overall: groupRow('all', all),
    byFormat: (['select', 'judge'] as const).filter((f) => cases.some((c) => c.format === f)).map((f) => groupRow(f, all.filter((i) => cases[i].format === f))),
    tasks: [...byTask.keys()].sort().map((t) => groupRow(t, byTask.get(t)!)),
  };
}

export interface BlindLimits {
  /** Points from chance allowed overall. */
  overall: number;
  /** Points from chance allowed in a task with at least `minTaskItems` items. */
  perTask: number;
  minTaskItems: number;
  /**
   * A strategy counts in a row only when it applies to this many of its items: below that its
   * accuracy is mostly sampling noise (± 5 points at 100 items).
   */
  minApplied: number;
}

export const BLIND_TARGETS: BlindLimits = { overall: 3, perTask: 6, minTaskItems: 200, minApplied: 100 };

/** Whether a report meets the targets: every strategy within the limits of chance (either way). */
export function blindVerdict(r: BlindReport, limits: BlindLimits = BLIND_TARGETS): { ok: boolean; failures: string[] } {
  const failures: string[] = [];
  const check = (row: BlindRow, limit: number) => {
    for (const s of STRATEGIES) {
      const res = row.results.get(s.id);
      if (!s.prior && res && res.n >= limits.minApplied && Math.abs(res.excess) > limit)
        failures.push(`${row.group}: ${s.id} ${res.excess > 0 ? '+' : ''}${res.excess.toFixed(1)} points from chance over ${res.n} items (limit ±${limit})`);
    }
  };
  check(r.overall, limits.overall);
  for (const f of r.byFormat) check(f, limits.overall);
  for (const t of r.tasks) if (t.items >= limits.minTaskItems) check(t, limits.perTask);
  return { ok: failures.length === 0, failures };
}

const pct = (x: number) => (100 * x).toFixed(0);

/** The table: one row per group, each strategy's accuracy in %, chance, and the worst excess. */
export function formatBlindTable(r: BlindReport): string {
  const rows = [r.overall, ...r.byFormat, ...r.tasks];
  const w = Math.max(5, ...rows.map((x) => x.group.length));
  const cell = (s: string) => s.padStart(6);
  const head = `${'group'.padEnd(w)}  items select judge chance ${STRATEGIES.map((s) => cell(s.short)).join(' ')}  worst excess (pts)   LR+mag`;
  const lines = [head];
  for (const x of rows) {
    const cells = STRATEGIES.map((s) => {
      const res = x.results.get(s.id);
      return cell(res ? pct(res.accuracy) : '·');
    });
    const worst = x.worst ? `${x.worst.excess >= 0 ? '+' : ''}${x.worst.excess.toFixed(1)} ${STRATEGIES.find((s) => s.id === x.worst!.strategy)!.short}` : '–';
    const prior = x.prior ? `${x.prior.excess >= 0 ? '+' : ''}${x.prior.excess.toFixed(1)}` : '–';
    lines.push(
      `${x.group.padEnd(w)}  ${String(x.items).padStart(5)} ${String(x.select).padStart(6)} ${String(x.judge).padStart(5)} ${cell(pct(x.chance))} ${cells.join(' ')}  ${worst.padEnd(18)}  ${prior.padStart(6)}`,
    );
  }
  lines.push(
    `accuracy in % of the items each strategy applies to (· where it applies to none); chance = 1 / options. Learned: logistic regression per task, the items of each half of the scenes scored by the model trained on the other half. LR+mag also reads the options' magnitudes (a prior on typical values), shown apart.${r.skipped ? ` ${r.skipped} items were not select or true/false items and were left out.` : ''}`,
  );
  return lines.join('\n');
}
