import { describe, expect, it } from 'vitest';
import { ReviewState, undoRecord } from './state';
import { REVIEW_SCHEMA, type StoredDecision, type Verdict } from './types';

let uidN = 0;
const T0 = Date.parse('2026-11-23T10:00:00.000Z');
/** A decision made `key` seconds after T0 (unless `at` says when): the log order is the time order. */
const dec = (key: number, item: string, decision: Verdict, reviewer = 'ana', project = 'p', at = key): StoredDecision => ({
  schema: REVIEW_SCHEMA,
  item,
  decision,
  reviewer,
  startedAt: new Date(T0 + at * 1000 - 5000).toISOString(),
  decidedAt: new Date(T0 + at * 1000).toISOString(),
  key,
  uid: `u${++uidN}`,
  project,
});
const undo = (key: number, undoes: number, reviewer = 'ana'): StoredDecision => ({
  schema: REVIEW_SCHEMA,
  item: 'x',
  decision: 'undo',
  undoes,
  reviewer,
  startedAt: '2026-11-23T10:01:00.000Z',
  decidedAt: '2026-11-23T10:01:00.000Z',
  key,
  uid: `u${++uidN}`,
  project: 'p',
});

describe('ReviewState', () => {
  it('an item is its latest decision; no decision is undecided', () => {
    const s = new ReviewState([dec(1, 'a', 'accept'), dec(2, 'a', 'reject'), dec(3, 'b', 'fix')]);
    expect(s.status('a')).toBe('reject');
    expect(s.latest('a')?.key).toBe(2);
    expect(s.status('b')).toBe('fix');
    expect(s.status('c')).toBe('undecided');
    expect(s.latest('c')).toBeUndefined();
    expect(s.lastKey).toBe(3);
  });

  it('undo withdraws the named record and the one before shows again', () => {
    const s = new ReviewState([dec(1, 'a', 'accept'), dec(2, 'a', 'reject')]);
    const r = s.apply(undo(3, 2));
    expect(r.item).toBe('a');
    expect(s.status('a')).toBe('accept');
    expect(s.isWithdrawn(2)).toBe(true);
    s.apply(undo(4, 1));
    expect(s.status('a')).toBe('undecided');
  });

  it('undo of a record under the top leaves the top in place', () => {
    // ana accepts a (1), bob rejects a (2); ana undoes her own (1): a stays reject (bob's).
    const s = new ReviewState([dec(1, 'a', 'accept', 'ana'), dec(2, 'a', 'reject', 'bob'), undo(3, 1)]);
    expect(s.status('a')).toBe('reject');
    // bob undoes his: nothing is left (ana's was withdrawn).
    s.apply(undo(4, 2, 'bob'));
    expect(s.status('a')).toBe('undecided');
  });

  it('undo of an undo, of an unknown key, twice the same: no effect, no crash', () => {
    const s = new ReviewState([dec(1, 'a', 'accept'), dec(2, 'a', 'fix'), undo(3, 2)]);
    expect(s.apply(undo(4, 3)).ignored).toBe('undo-of-undo');
    expect(s.status('a')).toBe('accept');
    expect(s.apply(undo(5, 2)).ignored).toBe('undo-of-withdrawn');
    expect(s.status('a')).toBe('accept');
    expect(s.apply(undo(6, 999)).ignored).toBe('undo-pending');
    expect(s.status('a')).toBe('accept');
  });

  it('duplicates are ignored, other projects are ignored, records without key are refused', () => {
    const s = new ReviewState([], 'p');
    s.apply(dec(1, 'a', 'accept'));
    expect(s.apply(dec(1, 'a', 'reject')).ignored).toBe('duplicate');
    expect(s.status('a')).toBe('accept');
    expect(s.apply(dec(2, 'a', 'reject', 'ana', 'other')).ignored).toBe('other-project');
    expect(s.status('a')).toBe('accept');
    const noKey = { ...dec(3, 'a', 'reject') };
    delete noKey.key;
    expect(s.apply(noKey).ignored).toBe('no-key');
    expect(s.size).toBe(1);
  });

  it('records arriving out of key order land where their key puts them', () => {
    // This tab applied key 10 before another tab's key 9 arrived: key 10 stays the latest.
    const s = new ReviewState([dec(10, 'a', 'reject')]);
    s.apply(dec(9, 'a', 'accept'));
    expect(s.latest('a')?.key).toBe(10);
    s.apply(undo(11, 10));
    expect(s.status('a')).toBe('accept');
    // An undo that arrives before its target withdraws the target when it comes.
    s.apply(undo(21, 20));
    s.apply(dec(20, 'b', 'fix'));
    expect(s.status('b')).toBe('undecided');
  });

  it('per (item, reviewer) state, for agreement', () => {
    const s = new ReviewState([dec(1, 'a', 'accept', 'ana'), dec(2, 'a', 'reject', 'bob'), dec(3, 'a', 'fix', 'ana'), dec(4, 'b', 'accept', 'bob')]);
    expect(s.latestBy('a', 'ana')?.decision).toBe('fix');
    expect(s.latestBy('a', 'bob')?.decision).toBe('reject');
    expect(s.latestBy('b', 'ana')).toBeUndefined();
    // In key order of each reviewer's latest: bob (2) then ana (3).
    expect(s.byReviewer('a').map((d) => `${d.reviewer}:${d.decision}`)).toEqual(['bob:reject', 'ana:fix']);
    s.apply(undo(5, 3));
    expect(s.latestBy('a', 'ana')?.decision).toBe('accept');
    expect(s.byReviewer('a').map((d) => `${d.reviewer}:${d.decision}`)).toEqual(['ana:accept', 'bob:reject']);
  });

  it('Ctrl+Z: the reviewer’s last effective decision across items, then the one before', () => {
    const s = new ReviewState([dec(1, 'a', 'accept', 'ana'), dec(2, 'b', 'reject', 'ana'), dec(3, 'c', 'fix', 'bob')]);
    const t1 = s.undoTarget('ana');
    expect(t1?.key).toBe(2);
    const u = undoRecord(t1!, 'ana', 'uid-z', '2026-11-23T11:00:00.000Z');
    expect(u).toEqual({
      schema: REVIEW_SCHEMA,
      item: 'b',
      decision: 'undo',
      undoes: 2,
      reviewer: 'ana',
      startedAt: '2026-11-23T11:00:00.000Z',
      decidedAt: '2026-11-23T11:00:00.000Z',
      uid: 'uid-z',
      project: 'p',
    });
    s.apply({ ...u, key: 4 });
    expect(s.status('b')).toBe('undecided');
    expect(s.undoTarget('ana')?.key).toBe(1);
    // Session bound: records before key 2 are not undone.
    expect(s.undoTarget('ana', { sinceKey: 2 })).toBeUndefined();
    s.apply(undo(5, 1));
    expect(s.undoTarget('ana')).toBeUndefined();
    expect(s.undoTarget('bob')?.key).toBe(3);
    const unstored = dec(0, 'a', 'accept');
    delete unstored.key;
    expect(() => undoRecord(unstored, 'ana', 'x')).toThrow(/no log key/);
  });

  it('applies 250k records (100k items, two reviewers, 50k undos) in O(1) each (time printed)', () => {
    const N = 100_000;
    const s = new ReviewState([], 'p');
    const recs: StoredDecision[] = [];
    let key = 0;
    for (let i = 0; i < N; i++) recs.push(dec(++key, `i${i}`, 'accept', 'ana'));
    for (let i = 0; i < N; i++) recs.push(dec(++key, `i${i}`, 'reject', 'bob'));
    // Undo every second of bob's: those items go back to ana's accept.
    for (let i = 0; i < N; i += 2) recs.push(undo(++key, N + i + 1, 'bob'));
    const t0 = performance.now();
    for (const r of recs) s.apply(r);
    const ms = performance.now() - t0;
    console.log(`ReviewState: ${key} records applied in ${ms.toFixed(0)} ms (${((ms * 1000) / key).toFixed(2)} µs/record)`);
    expect(s.status('i0')).toBe('accept');
    expect(s.status('i1')).toBe('reject');
    expect(s.status(`i${N - 1}`)).toBe('reject');
    expect(ms).toBeLessThan(5000); // generous: shared CI machines; typically 0.5–1 s
    // Undo targets walk back over bob's remaining decisions: the last is item N-1 (key 2N).
    expect(s.undoTarget('bob')?.key).toBe(2 * N);
  });

  it('merged logs: the decision made last wins, not the one appended last (a restored backup)', () => {
    // browser B: ana rejects x at +100 s (key 1). A's backup, restored into B, appends A's accept of x
    // made at +10 s (key 2), and ben's older accept of y, then a newer fix of z.
    const s = new ReviewState([dec(1, 'x', 'reject', 'ana', 'p', 100), dec(2, 'y', 'reject', 'ana', 'p', 100), dec(3, 'z', 'accept', 'ana', 'p', 100)]);
    s.applyAll([dec(4, 'x', 'accept', 'ana', 'p', 10), dec(5, 'y', 'accept', 'ben', 'p', 50), dec(6, 'z', 'fix', 'ben', 'p', 200)]);
    expect(s.status('x')).toBe('reject');
    expect(s.latest('x')?.key).toBe(1);
    expect(s.latestBy('x', 'ana')?.decision).toBe('reject');
    expect(s.status('y')).toBe('reject');
    expect(s.latestBy('y', 'ben')?.decision).toBe('accept');
    expect(s.status('z')).toBe('fix');
    // each reviewer's latest, in the order they were made (the last one is the item's state)
    expect(s.byReviewer('y').map((d) => `${d.reviewer}:${d.decision}`)).toEqual(['ben:accept', 'ana:reject']);
    expect(s.byReviewer('z').map((d) => `${d.reviewer}:${d.decision}`)).toEqual(['ana:accept', 'ben:fix']);
    // undoing the later one brings the earlier one back, whatever their keys
    s.apply(undo(7, 1));
    expect(s.status('x')).toBe('accept');
    // Ctrl+Z stays in the order this log took them (what this browser did last)
    expect(s.undoTarget('ana')?.key).toBe(4);
  });

  it('the same millisecond: the reviewer’s name, then the uid decide, so every browser agrees', () => {
    const a = { ...dec(1, 'x', 'accept', 'ben', 'p', 5), uid: 'b' };
    const b = { ...dec(2, 'x', 'reject', 'ana', 'p', 5), uid: 'a' };
    const c = { ...dec(3, 'x', 'fix', 'ben', 'p', 5), uid: 'a' };
    for (const order of [[a, b, c], [c, b, a], [b, c, a]]) {
      const keys = order.map((r, i) => ({ ...r, key: i + 1 }));
      const s = new ReviewState(keys);
      // ben > ana; between ben's two, uid 'b' > 'a'
      expect(s.latest('x')?.uid).toBe('b');
      expect(s.status('x')).toBe('accept');
    }
  });

  it('a decision without a readable time is older than any dated one', () => {
    const undated = { ...dec(2, 'x', 'reject'), decidedAt: '' };
    const s = new ReviewState([dec(1, 'x', 'accept'), undated]);
    expect(s.status('x')).toBe('accept');
  });
});
