import { describe, expect, it } from 'vitest';
import { assignReviewers, hashSeed, mulberry32, partialShuffle, samplePerTask, stratifiedSample } from './sample';

describe('mulberry32 and hashSeed', () => {
  it('match the reference outputs', () => {
    // Reference values from an independent Python port of the published JS (uint32 arithmetic):
    //   seed 1  → 0.6270739405881613, 0.002735721180215478, 0.5274470399599522, 0.9810509674716741
    //   seed 42 → 0.6011037519201636, 0.44829055899754167, 0.8524657934904099, 0.6697340414393693
    const r1 = mulberry32(1);
    expect([r1(), r1(), r1(), r1()]).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522, 0.9810509674716741]);
    const r42 = mulberry32(42);
    expect([r42(), r42(), r42(), r42()]).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099, 0.6697340414393693]);
  });
  it('FNV-1a 32 of strings (published test vectors), numbers as uint32', () => {
    expect(hashSeed('')).toBe(0x811c9dc5);
    expect(hashSeed('a')).toBe(0xe40c292c);
    expect(hashSeed('foobar')).toBe(0xbf9cf968);
    expect(hashSeed(7)).toBe(7);
    expect(hashSeed(-1)).toBe(0xffffffff);
  });
});

describe('partialShuffle', () => {
  it('swaps as Fisher–Yates does with the given draws', () => {
    // [a b c d e], k = 3, draws 0.5, 0.0, 0.99:
    //   i=0: j = 0 + floor(0.5·5) = 2 → [c b a d e]
    //   i=1: j = 1 + floor(0·4) = 1  → unchanged
    //   i=2: j = 2 + floor(0.99·3) = 4 → [c b e d a]
    const draws = [0.5, 0.0, 0.99];
    const arr = ['a', 'b', 'c', 'd', 'e'];
    expect(partialShuffle(arr, 3, () => draws.shift()!)).toEqual(['c', 'b', 'e']);
    expect(arr).toEqual(['c', 'b', 'e', 'd', 'a']);
    expect(partialShuffle([1, 2], 5, () => 0)).toEqual([1, 2]);
    expect(partialShuffle([1, 2], -1, () => 0)).toEqual([]);
  });

  it('is uniform: each of 5 items is picked in a 2-sample with probability 2/5', () => {
    const hits = [0, 0, 0, 0, 0];
    const rand = mulberry32(123);
    const T = 50_000;
    for (let t = 0; t < T; t++) for (const x of partialShuffle([0, 1, 2, 3, 4], 2, rand)) hits[x]++;
    // Expected 20,000 each; binomial sd = sqrt(T·0.4·0.6) ≈ 110; allow 5 sd.
    for (const h of hits) expect(Math.abs(h - 20_000)).toBeLessThan(550);
  });
});

describe('stratifiedSample', () => {
  const items = Array.from({ length: 10 }, (_, i) => ({ id: i, task: i < 6 ? 'A' : 'B' }));
  it('takes N per stratum (all of a smaller one), the same for the same seed', () => {
    const s = stratifiedSample(items, (x) => x.task, 3, 7);
    // Independent Python run of the documented procedure (stratum seed = FNV-1a("7\0A"), "7\0B";
    // partial Fisher–Yates over the stratum's indices in input order): indices 1, 4, 5 from A, 6, 7, 9 from B.
    expect(s.items.map((x) => x.id)).toEqual([1, 4, 5, 6, 7, 9]);
    expect(s.strata).toEqual([
      { key: 'A', available: 6, taken: 3 },
      { key: 'B', available: 4, taken: 3 },
    ]);
    expect(stratifiedSample(items, (x) => x.task, 3, 7).items).toEqual(s.items);
    const all = stratifiedSample(items, (x) => x.task, 400, 7);
    expect(all.items.map((x) => x.id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(all.strata.map((x) => x.taken)).toEqual([6, 4]);
  });

  it('a stratum’s sample does not change when another stratum is added', () => {
    const a = stratifiedSample(items, (x) => x.task, 3, 'seed').items.filter((x) => x.task === 'A');
    const more = [...items, ...Array.from({ length: 5 }, (_, i) => ({ id: 100 + i, task: 'C' }))];
    const b = stratifiedSample(more, (x) => x.task, 3, 'seed').items.filter((x) => x.task === 'A');
    expect(b).toEqual(a);
  });

  it('SPAR plan: 400 per task; sizes as hand-counted', () => {
    const pool = [
      ...Array.from({ length: 1000 }, (_, i) => ({ id: `d${i}`, task: 'dist' })),
      ...Array.from({ length: 250 }, (_, i) => ({ id: `c${i}`, task: 'count' })),
      ...Array.from({ length: 401 }, (_, i) => ({ id: `h${i}`, task: 'height' })),
    ];
    const s = samplePerTask(pool, 400, 2026);
    expect(s.strata).toEqual([
      { key: 'count', available: 250, taken: 250 },
      { key: 'dist', available: 1000, taken: 400 },
      { key: 'height', available: 401, taken: 400 },
    ]);
    expect(s.items.length).toBe(1050);
    expect(new Set(s.items.map((x) => x.id)).size).toBe(1050);
    const other = samplePerTask(pool, 400, 2027);
    expect(other.items.map((x) => x.id)).not.toEqual(s.items.map((x) => x.id));
    // A share per stratum.
    const tenth = stratifiedSample(pool, (x) => x.task, (_k, n) => Math.ceil(n / 10), 1);
    expect(tenth.strata.map((x) => x.taken)).toEqual([25, 100, 41]);
  });
});

describe('assignReviewers', () => {
  const ids = Array.from({ length: 10 }, (_, i) => `q${i}`);
  it('all: every item to every reviewer', () => {
    const a = assignReviewers(ids, ['ana', 'bob'], { kind: 'all' }, 1);
    expect(a.byReviewer.get('ana')).toEqual(ids);
    expect(a.byReviewer.get('bob')).toEqual(ids);
    expect(a.overlap).toEqual(ids);
    expect(a.byItem.get('q3')).toEqual(['ana', 'bob']);
  });

  it('k of R per item, loads balanced', () => {
    // 10 items × 2 reviewers each = 20 assignments over 3 reviewers: loads 7, 7, 6.
    const a = assignReviewers(ids, ['ana', 'bob', 'cy'], { kind: 'all', perItem: 2 }, 1);
    const loads = [...a.byReviewer.values()]
      .map((l) => l.length)
      .sort();
    expect(loads).toEqual([6, 7, 7]);
    for (const id of ids) expect(a.byItem.get(id)!.length).toBe(2);
  });

  it('overlap fraction: round(0.3·10) = 3 items doubled, the rest single; 13 assignments split 7/6', () => {
    const a = assignReviewers(ids, ['ana', 'bob'], { kind: 'overlap', fraction: 0.3 }, 'x');
    expect(a.overlap.length).toBe(3);
    for (const id of a.overlap) expect(a.byItem.get(id)).toEqual(['ana', 'bob']);
    const singles = ids.filter((id) => !a.overlap.includes(id));
    for (const id of singles) expect(a.byItem.get(id)!.length).toBe(1);
    expect([a.byReviewer.get('ana')!.length, a.byReviewer.get('bob')!.length].sort()).toEqual([6, 7]);
    // Deterministic.
    expect(assignReviewers(ids, ['ana', 'bob'], { kind: 'overlap', fraction: 0.3 }, 'x')).toEqual(a);
    expect(() => assignReviewers(ids, [], { kind: 'all' }, 1)).toThrow(/no reviewers/);
    expect(() => assignReviewers(ids, ['a'], { kind: 'overlap', fraction: 2 }, 1)).toThrow(/between 0 and 1/);
  });
});
