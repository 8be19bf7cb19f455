import { describe, expect, it } from 'vitest';
import { cohenKappa, krippendorffAlpha } from './agreement';

describe('cohenKappa', () => {
  it('the textbook 2×2 example: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no → κ = 0.4', () => {
    // p_o = (20 + 15) / 50 = 0.7; A says yes 25/50, B says yes 30/50;
    // p_e = 0.5·0.6 + 0.5·0.4 = 0.5; κ = (0.7 − 0.5) / (1 − 0.5) = 0.4.
    const a = [...Array(20).fill('yes'), ...Array(5).fill('yes'), ...Array(10).fill('no'), ...Array(15).fill('no')];
    const b = [...Array(20).fill('yes'), ...Array(5).fill('no'), ...Array(10).fill('yes'), ...Array(15).fill('no')];
    const k = cohenKappa(a, b);
    expect(k.n).toBe(50);
    expect(k.observed).toBeCloseTo(0.7, 12);
    expect(k.expected).toBeCloseTo(0.5, 12);
    expect(k.kappa).toBeCloseTo(0.4, 12);
  });

  it('three categories, with unrated items skipped', () => {
    // Rated by both (10 items):
    //   A: acc acc acc acc fix fix rej rej rej acc
    //   B: acc acc acc fix fix rej rej rej acc acc
    // agree on items 0,1,2,4,6,7,9 → p_o = 7/10
    // A: acc 5, fix 2, rej 3; B: acc 5, fix 2, rej 3 → p_e = .25 + .04 + .09 = .38
    // κ = (.7 − .38) / (1 − .38) = .32 / .62 = 0.516129…
    const a = ['accept', 'accept', 'accept', 'accept', 'fix', 'fix', 'reject', 'reject', 'reject', 'accept', null, 'fix'];
    const b = ['accept', 'accept', 'accept', 'fix', 'fix', 'reject', 'reject', 'reject', 'accept', 'accept', 'reject', undefined];
    const k = cohenKappa(a, b);
    expect(k.n).toBe(10);
    expect(k.kappa).toBeCloseTo(0.32 / 0.62, 12);
  });

  it('perfect agreement is 1; one shared category only is undefined (null); nothing shared is null', () => {
    expect(cohenKappa(['a', 'b', 'a'], ['a', 'b', 'a']).kappa).toBe(1);
    const one = cohenKappa(['a', 'a', 'a'], ['a', 'a', 'a']);
    expect(one.kappa).toBeNull();
    expect(one.observed).toBe(1);
    expect(cohenKappa(['a', null], [null, 'b'])).toEqual({ kappa: null, n: 0, observed: null, expected: null });
    // Complete disagreement on two categories: p_o = 0, p_e = .5·.5 + .5·.5 = .5 → κ = −1.
    expect(cohenKappa(['a', 'b'], ['b', 'a']).kappa).toBe(-1);
    expect(() => cohenKappa(['a'], [])).toThrow(/differ in length/);
  });
});

describe('krippendorffAlpha (nominal)', () => {
  it('Krippendorff (2011), "Computing Krippendorff’s Alpha-Reliability", nominal example: α = 0.743', () => {
    // Observers × units (missing: null):
    //   unit  1  2  3  4  5  6  7  8  9 10 11 12
    //   A     1  2  3  3  2  1  4  1  2  .  .  .
    //   B     1  2  3  3  2  2  4  1  2  5  .  3
    //   C     .  3  3  3  2  3  4  2  2  5  1  .
    //   D     1  2  3  3  2  4  4  1  2  5  1  .
    // Coincidences (each unit's ordered pairs weighted 1/(m_u − 1); unit 12 has one value, not pairable):
    //   o11 = 3 (u1) + 2 (u8) + 2 (u11) = 7; o22 = 2 + 4 + 4 = 10; o33 = 4 + 4 = 8; o44 = 4; o55 = 3
    //   o12 = o21 = 1/3 (u6) + 1 (u8) = 4/3; o23 = o32 = 1 (u2) + 1/3 (u6) = 4/3;
    //   o13 = o14 = o24 = o34 = 1/3 each (u6, both directions)
    //   n1 = 9, n2 = 13, n3 = 10, n4 = 5, n5 = 3, n = 40; Σ_{c≠k} o_ck = 8
    //   D_o = 8 / 40 = 0.2; D_e = (40² − (81 + 169 + 100 + 25 + 9)) / (40·39) = 1216 / 1560
    //   α = 1 − 0.2 · 1560 / 1216 = 1 − 312 / 1216 = 0.743421…
    const _ = null;
    const A = [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _];
    const B = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3];
    const C = [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _];
    const D = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _];
    const units = A.map((_v, u) => [A[u], B[u], C[u], D[u]]);
    const r = krippendorffAlpha(units);
    expect(r.n).toBe(40);
    expect(r.units).toBe(11);
    expect(r.observed).toBeCloseTo(0.2, 12);
    expect(r.expected).toBeCloseTo(1216 / 1560, 12);
    expect(r.alpha).toBeCloseTo(1 - 312 / 1216, 12);
    expect(Number(r.alpha!.toFixed(3))).toBe(0.743);
    expect([...r.byCategory.entries()].sort((x, y) => Number(x[0]) - Number(y[0]))).toEqual([
      [1, 9],
      [2, 13],
      [3, 10],
      [4, 5],
      [5, 3],
    ]);
  });

  it('two raters, hand-computed: units [a a] [a b] [b b] [b b] → α = 8/15', () => {
    // o_aa = 2, o_ab = o_ba = 1, o_bb = 4; n_a = 3, n_b = 5, n = 8
    // D_o = 2/8 = 1/4; D_e = (64 − 9 − 25) / (8·7) = 30/56; α = 1 − (1/4)(56/30) = 1 − 7/15 = 8/15
    const r = krippendorffAlpha([
      ['a', 'a'],
      ['a', 'b'],
      ['b', 'b'],
      ['b', 'b'],
    ]);
    expect(r.alpha).toBeCloseTo(8 / 15, 12);
  });

  it('edge cases: perfect agreement 1; a single category null; nothing pairable null', () => {
    expect(
      krippendorffAlpha([
        ['x', 'x', null],
        ['y', 'y', 'y'],
      ]).alpha,
    ).toBe(1);
    const single = krippendorffAlpha([
      ['x', 'x'],
      ['x', 'x', 'x'],
    ]);
    expect(single.alpha).toBeNull();
    expect(single.expected).toBe(0);
    const lonely = krippendorffAlpha([['x'], ['y', null], []]);
    expect(lonely).toMatchObject({ alpha: null, n: 0, units: 0 });
    expect(krippendorffAlpha([]).alpha).toBeNull();
  });
});
