import { describe, expect, it } from 'vitest';
import { conflictIn } from './conflicts';
import { ReviewState } from './state';
import { REVIEW_SCHEMA, type StoredDecision, type Verdict } from './types';

const T0 = Date.parse('2026-11-23T10:00:00.000Z');
const iso = (s: number) => new Date(T0 + s * 1000).toISOString();
let key = 0;
/** A decision on item x shown at `shown` s and made at `at` s. */
const d = (decision: Verdict, reviewer: string, shown: number, at: number, extra: Partial<StoredDecision> = {}): StoredDecision => ({
  schema: REVIEW_SCHEMA,
  item: 'x',
  decision,
  reviewer,
  startedAt: iso(shown),
  decidedAt: iso(at),
  key: ++key,
  uid: `u${key}`,
  project: 'p',
  ...extra,
});
const conflict = (...recs: StoredDecision[]) => conflictIn(new ReviewState(recs).records('x'));

describe('conflictIn', () => {
  it('two tabs of one reviewer decide one item differently at the same time: a conflict, the later one in effect', () => {
    // tab 1 shows x at 0 s, tab 2 at 2 s; tab 2 accepts at 5 s, tab 1 rejects at 8 s
    const c = conflict(d('accept', 'ana', 2, 5), d('reject', 'ana', 0, 8, { reasons: ['vague-stem'] }));
    expect(c).toMatchObject({ item: 'x', latest: { decision: 'reject' }, other: { decision: 'accept' } });
  });

  it('another reviewer deciding differently meanwhile is a conflict too; the same call is not', () => {
    expect(conflict(d('accept', 'ben', 1, 5), d('fix', 'ana', 0, 8))).toMatchObject({ other: { reviewer: 'ben' } });
    expect(conflict(d('reject', 'ben', 1, 5, { reasons: ['bad-3d'] }), d('reject', 'ana', 0, 8, { reasons: ['bad-3d'] }))).toBeUndefined();
    // a different reason is a different call
    expect(conflict(d('reject', 'ben', 1, 5, { reasons: ['bad-3d'] }), d('reject', 'ana', 0, 8, { reasons: ['other'] }))).toBeDefined();
  });

  it('a decision that was there when the item was shown is a change of mind, not a conflict', () => {
    expect(conflict(d('accept', 'ana', 0, 5), d('reject', 'ana', 6, 9))).toBeUndefined();
    expect(conflict(d('accept', 'ben', 0, 5), d('reject', 'ana', 6, 9))).toBeUndefined();
  });

  it('one showing, two decisions (a deliberate second key on the same screen) is one person’s', () => {
    expect(conflict(d('accept', 'ana', 0, 5), d('reject', 'ana', 0, 6))).toBeUndefined();
  });

  it('an undone decision no longer conflicts; a third decision made meanwhile is found behind an agreeing one', () => {
    const recs = [d('accept', 'ana', 2, 5), d('reject', 'ana', 0, 8)];
    const s = new ReviewState(recs);
    s.apply({ ...recs[0], decision: 'undo', undoes: recs[0].key, key: ++key, uid: 'undo' });
    expect(conflictIn(s.records('x'))).toBeUndefined();
    expect(conflict(d('fix', 'ben', 1, 3), d('reject', 'cat', 1, 6), d('reject', 'ana', 0, 8))).toMatchObject({ other: { reviewer: 'ben', decision: 'fix' } });
    expect(conflict(d('reject', 'ana', 0, 8))).toBeUndefined();
  });
});
