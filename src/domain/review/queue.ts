// The review queue: filter, sort and count QueueRows with their states, fast enough for 100k rows on
// every key press (one pass plus, unless the rows are already in order, one sort).
//
// Filter semantics (every criterion is optional; an empty array is the same as leaving it out):
// - A row passes when it passes every criterion given; within a criterion any listed value matches.
// - `statuses`, `reasons` and the decided time are read from the item's latest effective decision,
//   or, when `perspective` names a reviewer, from that reviewer's own latest decision (so a second
//   reviewer sees items the first one decided as undecided for them).
// - `reviewers`: items on which any listed reviewer has an effective decision.
// - `flags`: rows carrying any listed flag; `noFlags`: rows carrying none.
// - `text`: case-insensitive substring of the id, source file or scene, and of the question when the
//   caller passes `textOf` (the rows do not hold the question text).
// Counts are facets: `total` counts rows passing the whole filter; `byStatus[s]` counts rows passing
// every criterion except the status one, with status s (what picking that status would show);
// `byTask` likewise ignores the task criterion. Without a status (task) criterion they sum to total.
import type { QAFormat } from '../qa/types';
import { type ItemSlot, type ReviewLookup, ReviewState, type VerdictRecord } from './state';
import { type ItemFlag, type QueueRow, type Reason, STATUSES, type Status } from './types';
import { type ItemRisk, compareRisk } from './itemRisk';

export interface QueueFilter {
  tasks?: string[];
  formats?: QAFormat[];
  statuses?: Status[];
  reasons?: Reason[];
  reviewers?: string[];
  sources?: string[];
  scenes?: string[];
  flags?: ItemFlag[];
  noFlags?: boolean;
  /** Restrict to these item ids (a sample, or the items assigned to someone). */
  ids?: string[];
  text?: string;
  /** Judge status, reasons and decided time by this reviewer's own decisions. */
  perspective?: string;
  /** Only items whose answer disagrees with what their pixels and depth measure (needs `riskOf`). */
  mismatch?: boolean;
}

export type SortKey = 'seq' | 'task' | 'status' | 'decidedAt' | 'risk';
export interface QueueSort {
  key: SortKey;
  dir?: 'asc' | 'desc';
}
export const DEFAULT_SORT: QueueSort = { key: 'seq', dir: 'asc' };

/** A saved queue view: JSON-serialisable as is. */
export interface SavedView {
  name: string;
  filter: QueueFilter;
  sort: QueueSort;
}

export interface QueueCounts {
  total: number;
  byStatus: Record<Status, number>;
  byTask: Map<string, number>;
}

export interface QueueResult {
  rows: QueueRow[];
  counts: QueueCounts;
}

export interface QueueOptions {
  /** The question text of an item, for `text` search. */
  textOf?: (id: string) => string | undefined;
  /** The item's audited risk, for the `risk` sort and the `mismatch` filter (undefined: not audited yet). */
  riskOf?: (id: string) => ItemRisk | undefined;
}

const STATUS_ORDER: Record<Status, number> = Object.fromEntries(STATUSES.map((s, i) => [s, i])) as Record<Status, number>;

const setOf = <T>(a: readonly T[] | undefined): Set<T> | null => (a && a.length ? new Set(a) : null);

/** The decision a row is judged by under the filter's perspective. */
export function decisionFor(lookup: ReviewLookup, id: string, perspective?: string): VerdictRecord | undefined {
  return perspective ? lookup.latestBy(id, perspective) : lookup.latest(id);
}

/**
 * Per ReviewState, the slot of each row of the rows array last seen (by position, checked by row
 * identity, so a changed or reordered array is handled row by row): one pass over 100k rows then reads
 * object fields instead of looking 100k ids up in a Map.
 */
const slotCache = new WeakMap<ReviewState, { refs: QueueRow[]; slots: ItemSlot[] }>();

type RowDecision = (r: QueueRow, i: number, reviewer?: string) => VerdictRecord | undefined;

/** A function giving row i's decision (a reviewer's when given); fast for a ReviewState, generic otherwise. */
function decisionsOf(rows: readonly QueueRow[], lookup: ReviewLookup): RowDecision {
  if (!(lookup instanceof ReviewState)) return (r, _i, rv) => decisionFor(lookup, r.id, rv);
  let c = slotCache.get(lookup);
  if (!c) slotCache.set(lookup, (c = { refs: [], slots: [] }));
  const { refs, slots } = c;
  if (refs.length > rows.length) {
    refs.length = rows.length;
    slots.length = rows.length;
  }
  const slotAt = (r: QueueRow, i: number): ItemSlot => {
    if (refs[i] === r) return slots[i];
    refs[i] = r;
    return (slots[i] = lookup.slot(r.id));
  };
  return (r, i, rv) => (rv ? ReviewState.latestByIn(slotAt(r, i), rv) : ReviewState.latestIn(slotAt(r, i)));
}

/** Filters, sorts and counts. `rows` is not modified. */
export function runQueue(rows: readonly QueueRow[], lookup: ReviewLookup, filter: QueueFilter = {}, sort: QueueSort = DEFAULT_SORT, opts: QueueOptions = {}): QueueResult {
  const tasks = setOf(filter.tasks);
  const formats = setOf(filter.formats);
  const statuses = setOf(filter.statuses);
  const reasons = setOf(filter.reasons);
  const reviewers = filter.reviewers && filter.reviewers.length ? filter.reviewers : null;
  const sources = setOf(filter.sources);
  const scenes = setOf(filter.scenes);
  const flags = setOf(filter.flags);
  const ids = setOf(filter.ids);
  const text = filter.text?.trim().toLowerCase() || null;
  const persp = filter.perspective || undefined;
  const textOf = opts.textOf;
  const decisionAt = decisionsOf(rows, lookup);

  const byStatus: Record<Status, number> = { undecided: 0, accept: 0, fix: 0, reject: 0 };
  const taskCounts = new Map<string, number>();
  const out: QueueRow[] = [];
  const outDec: (VerdictRecord | undefined)[] = [];
  let sorted = true;
  let prevSeq = -Infinity;

  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    // Criteria other than task and status first.
    if (formats && !formats.has(r.format)) continue;
    if (sources && !sources.has(r.source)) continue;
    if (scenes && !scenes.has(r.scene)) continue;
    if (ids && !ids.has(r.id)) continue;
    if (filter.noFlags && r.flags.length) continue;
    if (flags && !r.flags.some((f) => flags.has(f))) continue;
    if (reviewers && !reviewers.some((rv) => decisionAt(r, i, rv) !== undefined)) continue;
    const d = decisionAt(r, i, persp);
    if (reasons && !(d?.reasons ?? []).some((x) => reasons.has(x))) continue;
    if (text && !matchesText(r, text, textOf)) continue;
    if (filter.mismatch && !opts.riskOf?.(r.id)?.mismatch) continue;
    const status: Status = d?.decision ?? 'undecided';
    const taskOk = !tasks || tasks.has(r.task);
    const statusOk = !statuses || statuses.has(status);
    if (taskOk) byStatus[status]++;
    if (statusOk) taskCounts.set(r.task, (taskCounts.get(r.task) ?? 0) + 1);
    if (taskOk && statusOk) {
      out.push(r);
      outDec.push(d);
      if (r.seq < prevSeq) sorted = false;
      prevSeq = r.seq;
    }
  }

  const desc = sort.dir === 'desc';
  const counts = { total: out.length, byStatus, byTask: taskCounts };
  // Put the result in queue order first; every other order is a stable sort of it (ties stay in queue order).
  let ord: { r: QueueRow; d: VerdictRecord | undefined }[] | null = null;
  if (!sorted) {
    ord = out.map((r, i) => ({ r, d: outDec[i] }));
    ord.sort((x, y) => x.r.seq - y.r.seq);
    for (let i = 0; i < ord.length; i++) {
      out[i] = ord[i].r;
      outDec[i] = ord[i].d;
    }
  }
  if (sort.key === 'seq') return { rows: desc ? out.reverse() : out, counts };
  if (sort.key === 'risk') {
    // riskiest first when descending; items not audited yet stay last either way (Array.sort is stable)
    const riskOf = opts.riskOf ?? (() => undefined);
    const sign = desc ? 1 : -1;
    const keyed = out.map((r) => ({ r, k: riskOf(r.id) }));
    keyed.sort((x, y) => (!x.k || !y.k ? compareRisk(x.k, y.k) : sign * compareRisk(x.k, y.k)));
    return { rows: keyed.map((x) => x.r), counts };
  }
  if (sort.key === 'task' || sort.key === 'status') {
    // Few distinct values: bucket by rank, O(n).
    let rankOf: (i: number) => number;
    let nb: number;
    if (sort.key === 'task') {
      const names = [...new Set(out.map((r) => r.task))].sort(cmpStr);
      const rank = new Map(names.map((t, i) => [t, i]));
      nb = names.length;
      rankOf = (i) => rank.get(out[i].task)!;
    } else {
      nb = STATUSES.length;
      rankOf = (i) => STATUS_ORDER[outDec[i]?.decision ?? 'undecided'];
    }
    const buckets: QueueRow[][] = Array.from({ length: nb }, () => []);
    for (let i = 0; i < out.length; i++) buckets[rankOf(i)].push(out[i]);
    if (desc) buckets.reverse();
    return { rows: buckets.flat(), counts };
  }
  // Decided time; undecided rows last in either direction.
  const n = out.length;
  const t = new Float64Array(n);
  const decided: number[] = [];
  const undecided: QueueRow[] = [];
  for (let i = 0; i < n; i++) {
    const d = outDec[i];
    const ms = d ? Date.parse(d.decidedAt) : NaN;
    if (Number.isNaN(ms)) undecided.push(out[i]);
    else {
      t[i] = ms;
      decided.push(i);
    }
  }
  const sign = desc ? -1 : 1;
  decided.sort((x, y) => sign * (t[x] - t[y]) || x - y);
  const res = new Array<QueueRow>(n);
  let k = 0;
  for (const i of decided) res[k++] = out[i];
  for (const r of undecided) res[k++] = r;
  return { rows: res, counts };
}

const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function matchesText(r: QueueRow, text: string, textOf?: (id: string) => string | undefined): boolean {
  if (r.id.toLowerCase().includes(text) || r.source.toLowerCase().includes(text) || r.scene.toLowerCase().includes(text)) return true;
  const q = textOf?.(r.id);
  return q !== undefined && q.toLowerCase().includes(text);
}

/**
 * The next item after `after` (in the order of `rows`, usually runQueue's result) that is undecided
 * (for `perspective` when given). When `after` is not in `rows` (it left the filtered view once
 * decided), the search starts at the first row with a larger seq. Wraps round to the start unless
 * `wrap` is false; never returns `after` itself. `after` undefined: the first undecided row.
 * `skip` passes over rows as if decided (items open in another tab).
 */
export function nextUndecided(
  rows: readonly QueueRow[],
  after: Pick<QueueRow, 'id' | 'seq'> | undefined,
  lookup: ReviewLookup,
  opts: { perspective?: string; wrap?: boolean; skip?: (id: string) => boolean } = {},
): QueueRow | undefined {
  const wrap = opts.wrap ?? true;
  const skip = opts.skip;
  const undecided = (r: QueueRow) => r.id !== after?.id && decisionFor(lookup, r.id, opts.perspective) === undefined && !skip?.(r.id);
  let start = 0;
  if (after) {
    const at = rows.findIndex((r) => r.id === after.id);
    if (at >= 0) start = at + 1;
    else {
      const next = rows.findIndex((r) => r.seq > after.seq);
      start = next >= 0 ? next : rows.length;
    }
  }
  for (let i = start; i < rows.length; i++) if (undecided(rows[i])) return rows[i];
  if (wrap) for (let i = 0; i < Math.min(start, rows.length); i++) if (undecided(rows[i])) return rows[i];
  return undefined;
}

const SORT_KEYS: readonly SortKey[] = ['seq', 'task', 'status', 'decidedAt', 'risk'];
const ARRAY_KEYS = ['tasks', 'formats', 'statuses', 'reasons', 'reviewers', 'sources', 'scenes', 'flags', 'ids'] as const;

/**
 * Checks a saved view read back from storage or a file: keeps the known fields of the right type and
 * drops the rest (a view saved by a newer version still opens). Throws on what is not a view at all.
 */
export function parseSavedView(v: unknown): SavedView {
  if (typeof v !== 'object' || v === null) throw new Error('A saved view must be an object with name, filter and sort.');
  const o = v as Record<string, unknown>;
  const name = typeof o.name === 'string' ? o.name : 'Untitled view';
  const f = (typeof o.filter === 'object' && o.filter !== null ? o.filter : {}) as Record<string, unknown>;
  const filter: QueueFilter = {};
  for (const k of ARRAY_KEYS) {
    const a = f[k];
    if (Array.isArray(a)) (filter as Record<string, unknown>)[k] = a.filter((x) => typeof x === 'string');
  }
  if (typeof f.text === 'string') filter.text = f.text;
  if (typeof f.perspective === 'string') filter.perspective = f.perspective;
  if (f.noFlags === true) filter.noFlags = true;
  if (f.mismatch === true) filter.mismatch = true;
  const s = (typeof o.sort === 'object' && o.sort !== null ? o.sort : {}) as Record<string, unknown>;
  const sort: QueueSort = {
    key: SORT_KEYS.includes(s.key as SortKey) ? (s.key as SortKey) : 'seq',
    dir: s.dir === 'desc' ? 'desc' : 'asc',
  };
  return { name, filter, sort };
}
