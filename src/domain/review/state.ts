// The state of every item from the append-only decision log (docs/formats.md, review decision): an item's state is its
// latest decision that was not withdrawn by an `undo` record. Records are applied one at a time as
// they arrive (this tab's writes and another tab's), in O(1) amortised each.
//
// Rules, all documented here so every view agrees:
// - On an item, order is when a decision was made (decidedAt, then reviewer, then uid: order.ts),
//   not its log key: a restored backup appends old decisions with new keys, and they must not
//   overwrite later ones. Ctrl+Z follows the log key (what this log took last).
// - A record is applied once; a repeated key (or a record re-read from the log) is ignored.
// - Records may arrive in any order (another tab's, a restore's): they are inserted where they belong.
// - `undo` withdraws the record whose key it names, whoever wrote it. An undo that names a record not
//   seen yet is kept and applied when that record arrives. An undo that names an undo record, an
//   unknown key that never arrives, or an already withdrawn record has no effect (undo of undo is not
//   a redo; redo is a new decision).
// - Withdrawn records never come back, so they are dropped from the top of the per-item stacks as
//   they surface: each record is pushed and popped at most once per stack. The top of every stack is
//   therefore always effective, and reading a state is one lookup.
import { compareDecisions, decidedMs } from './order';
import { REVIEW_SCHEMA, type Status, type StoredDecision, type Verdict } from './types';

/** A decision record that is a verdict (not an undo). */
export type VerdictRecord = StoredDecision & { decision: Verdict; key: number };

/** Read access to item states; what the queue, the stats and the export need. */
export interface ReviewLookup {
  /** The item's latest effective decision (any reviewer), or undefined when undecided. */
  latest(item: string): VerdictRecord | undefined;
  /** The given reviewer's latest effective decision on the item. */
  latestBy(item: string, reviewer: string): VerdictRecord | undefined;
  /** Each reviewer's latest effective decision on the item, in the order they were made (empty when none). */
  byReviewer(item: string): VerdictRecord[];
}

interface Entry {
  rec: VerdictRecord;
  withdrawn: boolean;
  /** decidedMs(rec), read at the first comparison (most items hold one decision per stack: none) */
  t?: number;
}

/** Sorted stack of entries (by time, or by key for Ctrl+Z); the top is the latest and is never withdrawn. */
type Stack = Entry[];

/**
 * A stable handle on one item's state (see `ReviewState.slot`): the queue keeps one per row and
 * reads it directly instead of looking the id up on every pass. Treat as opaque.
 */
export interface ItemSlot {
  /** @internal every verdict on the item, key order (a shared empty array until the first) */
  all: Stack;
  /** @internal per reviewer */
  by: { reviewer: string; stack: Stack }[];
}
// Shared by all undecided slots (frozen: a push would be a bug); replaced by own arrays at the first decision.
const NO_ENTRIES = Object.freeze([]) as unknown as Stack;
const NO_REVIEWERS = Object.freeze([]) as unknown as ItemSlot['by'];

const isVerdict = (d: string): d is Verdict => d === 'accept' || d === 'fix' || d === 'reject';

const timeOf = (e: Entry) => (e.t ??= decidedMs(e.rec));
const laterInTime = (a: Entry, b: Entry) => compareDecisions(a.rec, b.rec, timeOf(a), timeOf(b)) > 0;
const laterInLog = (a: Entry, b: Entry) => a.rec.key > b.rec.key;

function pushSorted(stack: Stack, e: Entry, later: (a: Entry, b: Entry) => boolean = laterInTime): void {
  stack.push(e);
  // Out-of-order arrival: bubble down (rare; O(distance)).
  let i = stack.length - 1;
  while (i > 0 && later(stack[i - 1], e)) {
    stack[i] = stack[i - 1];
    i--;
  }
  stack[i] = e;
}

/** Pops withdrawn entries off the top (done at each withdrawal, so that tops are always effective). */
function trim(stack: Stack | undefined): void {
  if (!stack) return;
  while (stack.length && stack[stack.length - 1].withdrawn) stack.pop();
}

export interface ApplyResult {
  /** The item whose state may have changed, or undefined when the record changed nothing. */
  item?: string;
  /** Why a record changed nothing. */
  ignored?: 'duplicate' | 'other-project' | 'no-key' | 'undo-of-undo' | 'undo-of-withdrawn' | 'undo-pending' | 'unknown-decision';
}

/**
 * Incremental review state of one project. Feed it the log with `apply` / `applyAll` (any order,
 * duplicates ignored); read it through the `ReviewLookup` methods.
 */
export class ReviewState implements ReviewLookup {
  /** Every record seen, by key (undo records included). */
  private readonly byKey = new Map<number, { rec: StoredDecision; entry?: Entry }>();
  /** Per item: its verdict records (key order), and each reviewer's (a short list: few reviewers per item). */
  private readonly items = new Map<string, ItemSlot>();
  /** Per reviewer: all their verdict records across items (for Ctrl+Z). */
  private readonly reviewerLog = new Map<string, Stack>();
  /** Undo records whose target has not arrived yet, by target key. */
  private readonly pendingUndo = new Map<number, StoredDecision>();
  private max = -Infinity;
  private changes = 0;

  /** @param project When given, records of other projects are ignored. */
  constructor(
    records: Iterable<StoredDecision> = [],
    readonly project?: string,
  ) {
    this.applyAll(records);
  }

  /** Largest key applied (-Infinity when none). Re-reading the log from a smaller key is safe: duplicates are ignored. */
  get lastKey(): number {
    return this.max;
  }

  /** Incremented on every change of state; a cheap "did anything change" for views. */
  get version(): number {
    return this.changes;
  }

  /** Number of records applied (undo records included). */
  get size(): number {
    return this.byKey.size;
  }

  has(key: number): boolean {
    return this.byKey.has(key);
  }

  /** Applies records in the order given; returns the ids of the items whose state may have changed. */
  applyAll(records: Iterable<StoredDecision>): Set<string> {
    const touched = new Set<string>();
    for (const r of records) {
      const res = this.apply(r);
      if (res.item !== undefined) touched.add(res.item);
    }
    return touched;
  }

  apply(rec: StoredDecision): ApplyResult {
    if (typeof rec.key !== 'number' || !Number.isFinite(rec.key)) return { ignored: 'no-key' };
    if (this.project !== undefined && rec.project !== this.project) return { ignored: 'other-project' };
    if (this.byKey.has(rec.key)) return { ignored: 'duplicate' };
    const key = rec.key;
    if (key > this.max) this.max = key;

    if (rec.decision === 'undo') {
      this.byKey.set(key, { rec });
      if (typeof rec.undoes !== 'number') return { ignored: 'unknown-decision' };
      const target = this.byKey.get(rec.undoes);
      if (!target) {
        if (!this.pendingUndo.has(rec.undoes)) this.pendingUndo.set(rec.undoes, rec);
        return { ignored: 'undo-pending' };
      }
      if (!target.entry) return { ignored: 'undo-of-undo' };
      if (target.entry.withdrawn) return { ignored: 'undo-of-withdrawn' };
      this.withdraw(target.entry);
      return { item: target.entry.rec.item };
    }

    if (!isVerdict(rec.decision)) {
      this.byKey.set(key, { rec });
      return { ignored: 'unknown-decision' };
    }
    const entry: Entry = { rec: rec as VerdictRecord, withdrawn: false };
    this.byKey.set(key, { rec, entry });
    // An undo that arrived before its target withdraws it at once: it never becomes effective.
    if (this.pendingUndo.has(key)) {
      this.pendingUndo.delete(key);
      entry.withdrawn = true;
      return { ignored: 'undo-pending' };
    }
    const it = this.slot(rec.item);
    if (it.all === NO_ENTRIES) {
      it.all = [];
      it.by = [];
    }
    pushSorted(it.all, entry);
    let rs = it.by.find((b) => b.reviewer === rec.reviewer);
    if (!rs) it.by.push((rs = { reviewer: rec.reviewer, stack: [] }));
    pushSorted(rs.stack, entry);
    pushSorted(getOr(this.reviewerLog, rec.reviewer, newStack), entry, laterInLog);
    this.changes++;
    return { item: rec.item };
  }

  private withdraw(e: Entry): void {
    e.withdrawn = true;
    this.changes++;
    const it = this.items.get(e.rec.item);
    trim(it?.all);
    trim(it?.by.find((b) => b.reviewer === e.rec.reviewer)?.stack);
    trim(this.reviewerLog.get(e.rec.reviewer));
  }

  /** The item's slot, created (empty) when the item has no decision yet; the same object for the state's lifetime. */
  slot(item: string): ItemSlot {
    let it = this.items.get(item);
    if (!it) this.items.set(item, (it = { all: NO_ENTRIES, by: NO_REVIEWERS }));
    return it;
  }

  /** The latest effective decision in a slot (any reviewer). */
  static latestIn(slot: ItemSlot): VerdictRecord | undefined {
    const a = slot.all;
    return a.length ? a[a.length - 1].rec : undefined;
  }

  /** A reviewer's latest effective decision in a slot. */
  static latestByIn(slot: ItemSlot, reviewer: string): VerdictRecord | undefined {
    const by = slot.by;
    for (let i = 0; i < by.length; i++)
      if (by[i].reviewer === reviewer) {
        const s = by[i].stack;
        return s.length ? s[s.length - 1].rec : undefined;
      }
    return undefined;
  }

  latest(item: string): VerdictRecord | undefined {
    const it = this.items.get(item);
    return it ? ReviewState.latestIn(it) : undefined;
  }

  status(item: string): Status {
    return this.latest(item)?.decision ?? 'undecided';
  }

  latestBy(item: string, reviewer: string): VerdictRecord | undefined {
    const it = this.items.get(item);
    return it ? ReviewState.latestByIn(it, reviewer) : undefined;
  }

  byReviewer(item: string): VerdictRecord[] {
    const it = this.items.get(item);
    if (!it) return [];
    const out: Entry[] = [];
    for (const b of it.by) {
      const s = b.stack;
      if (s.length) out.push(s[s.length - 1]);
    }
    return out.sort((a, b) => compareDecisions(a.rec, b.rec, timeOf(a), timeOf(b))).map((e) => e.rec);
  }

  /** Every decision on the item still in effect (not withdrawn), any reviewer's, in the order they were made. */
  records(item: string): VerdictRecord[] {
    const it = this.items.get(item);
    return it ? it.all.filter((e) => !e.withdrawn).map((e) => e.rec) : [];
  }

  /** Items with an effective decision. */
  *decidedItems(): IterableIterator<string> {
    for (const [id, it] of this.items) if (it.all.length) yield id;
  }

  /** Reviewers that have written a verdict. */
  reviewers(): string[] {
    return [...this.reviewerLog.keys()];
  }

  /**
   * The record a Ctrl+Z by `reviewer` withdraws: their latest effective decision across items, or
   * undefined when nothing is left to undo. `sinceKey` bounds the session (records with a smaller key
   * are not undone); pressing again after the undo is applied gives the decision before it.
   */
  undoTarget(reviewer: string, opts: { sinceKey?: number } = {}): VerdictRecord | undefined {
    const log = this.reviewerLog.get(reviewer);
    const top = log && log.length ? log[log.length - 1].rec : undefined;
    if (!top) return undefined;
    if (opts.sinceKey !== undefined && top.key < opts.sinceKey) return undefined;
    return top;
  }

  /** The record (by key) as applied, undo records included. */
  record(key: number): StoredDecision | undefined {
    return this.byKey.get(key)?.rec;
  }

  /** Whether the record with this key was withdrawn by an undo. */
  isWithdrawn(key: number): boolean {
    return this.byKey.get(key)?.entry?.withdrawn ?? false;
  }
}

const newStack = (): Stack => [];
function getOr<K, V>(m: Map<K, V>, k: K, make: () => V): V {
  let v = m.get(k);
  if (v === undefined) m.set(k, (v = make()));
  return v;
}

/**
 * The undo record that withdraws `target` (to append to the log; the log gives it its key).
 * @param at ISO time of the key press.
 */
export function undoRecord(target: StoredDecision, reviewer: string, uid: string, at: string = new Date().toISOString()): StoredDecision {
  if (typeof target.key !== 'number') throw new Error('undoRecord: the target decision has no log key yet (it was not stored).');
  return { schema: REVIEW_SCHEMA, item: target.item, decision: 'undo', undoes: target.key, reviewer, startedAt: at, decidedAt: at, uid, project: target.project };
}
