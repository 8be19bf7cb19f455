import { describe, expect, it } from 'vitest';
import { describeMerge, mergeReport } from './merge';
import { ReviewState } from './state';
import { REVIEW_SCHEMA, type StoredDecision } from './types';

const T0 = Date.parse('2026-11-23T10:00:00.000Z');
const d = (uid: string, item: string, decision: StoredDecision['decision'], reviewer: string, at: number, extra: Partial<StoredDecision> = {}): StoredDecision => ({
  schema: REVIEW_SCHEMA,
  item,
  decision,
  reviewer,
  startedAt: new Date(T0 + at * 1000 - 3000).toISOString(),
  decidedAt: new Date(T0 + at * 1000).toISOString(),
  uid,
  project: 'p',
  ...extra,
});

/** Appends records to a log as the restore does: new keys after the last, undo targets mapped. */
function append(log: StoredDecision[], incoming: StoredDecision[]): StoredDecision[] {
  const out = [...log];
  const newKey = new Map<number, number>();
  let key = Math.max(0, ...log.map((r) => r.key!));
  for (const r of incoming) {
    const had = out.find((x) => x.uid === r.uid);
    if (had) {
      newKey.set(r.key!, had.key!);
      continue;
    }
    const copy = { ...r, key: ++key };
    if (copy.decision === 'undo') copy.undoes = newKey.get(r.undoes!) ?? r.undoes;
    newKey.set(r.key!, copy.key);
    out.push(copy);
  }
  return out;
}

const keyed = (recs: StoredDecision[]) => recs.map((r, i) => ({ ...r, key: i + 1 }));

describe('mergeReport: restoring an older backup', () => {
  // Browser A: ana accepts x at +10 s and y at +20 s, undoes y at +25 s, accepts w at +30 s; backup.
  const backup = keyed([d('a1', 'x', 'accept', 'ana', 10), d('a2', 'y', 'accept', 'ana', 20), d('a3', 'y', 'undo', 'ana', 25, { undoes: 2 }), d('a4', 'w', 'accept', 'ana', 30)]);
  // Browser B (ana again, later): rejects x at +100 s; had rejected w at +5 s, before A accepted it;
  // ben fixes v at +40 s.
  const local = keyed([d('b0', 'w', 'reject', 'ana', 5, { reasons: ['vague-stem'] }), d('b1', 'x', 'reject', 'ana', 100, { reasons: ['bad-3d'] }), d('b2', 'v', 'fix', 'ben', 40)]);

  it('a later local decision stays and is reported as kept; an older local one gives way and is reported as changed', () => {
    const merged = append(local, backup);
    const before = new ReviewState(local);
    const after = new ReviewState(merged);
    const r = mergeReport(before, after, new ReviewState(backup), backup.map((x) => x.item));
    expect(after.status('x')).toBe('reject');
    expect(after.status('w')).toBe('accept');
    expect(after.status('y')).toBe('undecided');
    expect(r.kept.map((k) => [k.item, k.local.uid, k.backup.uid])).toEqual([['x', 'b1', 'a1']]);
    expect(r.changed.map((c) => [c.item, c.local.uid, c.now?.uid])).toEqual([['w', 'b0', 'a4']]);
    const text = describeMerge(r);
    expect(text).toContain('1 item keeps its later decision made here');
    expect(text).toContain('x: reject (bad-3d) by ana at 2026-11-23 10:01:40 kept, backup accept by ana at 2026-11-23 10:00:10');
    expect(text).toContain('w: reject (vague-stem) by ana at 2026-11-23 10:00:05 → accept by ana at 2026-11-23 10:00:30');
  });

  it('restoring the same backup twice reports nothing the second time; an item decided alike is not reported', () => {
    const once = append(local, backup);
    const twice = append(once, backup);
    expect(twice).toHaveLength(once.length);
    const r = mergeReport(new ReviewState(once), new ReviewState(twice), new ReviewState(backup), backup.map((x) => x.item));
    // x: the local reject is kept over the backup's accept again (said again: it is still so)
    expect(r.changed).toEqual([]);
    expect(r.kept.map((k) => k.item)).toEqual(['x']);
    // the same call by another reviewer later is no change worth a word
    const alike = keyed([d('c1', 'x', 'reject', 'ben', 200, { reasons: ['bad-3d'] })]);
    const r2 = mergeReport(new ReviewState(local), new ReviewState(append(local, alike)), new ReviewState(alike), ['x']);
    expect(r2).toEqual({ changed: [], kept: [] });
  });

  it('an undo in the backup of a decision both browsers hold withdraws it here too, and says so', () => {
    // B got A's accept of y through an earlier restore (same uid), then A undid it
    const shared = d('a2', 'y', 'accept', 'ana', 20);
    const localWithY = keyed([...local, shared]);
    const merged = append(localWithY, backup);
    const r = mergeReport(new ReviewState(localWithY), new ReviewState(merged), new ReviewState(backup), backup.map((x) => x.item));
    expect(new ReviewState(merged).status('y')).toBe('undecided');
    expect(r.changed.find((c) => c.item === 'y')).toMatchObject({ local: { uid: 'a2' }, now: undefined });
    expect(describeMerge(r)).toContain('y: accept by ana at 2026-11-23 10:00:20 → undecided');
  });

  it('two reviewers: the item shows the latest of either; each reviewer keeps their own latest', () => {
    const theirs = keyed([d('k1', 'v', 'reject', 'ana', 30)]);
    const merged = append(local, theirs);
    const after = new ReviewState(merged);
    // ben's fix (+40 s) is later than ana's restored reject (+30 s): the item stays fix
    expect(after.status('v')).toBe('fix');
    expect(after.latestBy('v', 'ana')?.decision).toBe('reject');
    const r = mergeReport(new ReviewState(local), after, new ReviewState(theirs), ['v']);
    expect(r.kept.map((k) => `${k.item} ${k.local.reviewer} ${k.backup.reviewer}`)).toEqual(['v ben ana']);
  });
});
