import { describe, expect, it } from 'vitest';
import { box, floorAndWallCloud, livingRoom, obj, qaScene, randomRoom } from '../../../test/qaScenes';
import { isUserError } from '../../errors';
import { auditItem } from '../audit/generated';
import { qaContext } from './context';
import { emptyTaskReasons, generateQA } from './generate';
import { relErr } from '../numbers';
import { recompute } from './recompute';
import { TASKS } from './tasks';
import type { QAItem } from '../types';

const big = randomRoom(11, 20);
const cloudRoom = livingRoom();
const points = floorAndWallCloud(cloudRoom);

function byTask(items: QAItem[]) {
  const m = new Map<string, QAItem[]>();
  for (const it of items) m.set(it.task, [...(m.get(it.task) ?? []), it]);
  return m;
}

describe('generateQA', () => {
  const { items, report } = generateQA([{ scene: big }, { scene: cloudRoom, points }], { perScene: 2000, seed: 3 });

  it('covers every task that the scenes allow, in every format it has', () => {
    const tasks = byTask(items);
    for (const t of TASKS) {
      if (t.needs === 'orientation' || t.needs === 'views') continue; // no facing, no extra views in these scenes
      for (const f of t.formats) expect(tasks.get(t.id)?.some((i) => i.spatial_lens.format === f), `${t.id} ${f}`).toBe(true);
    }
    expect(report.scenes[0].notes).toContain('hispatial/L0/point_3d: needs the scene’s point cloud');
  });

  it('writes the SPAR-Bench fields first and ours under spatial_lens', () => {
    const it0 = items[0];
    expect(Object.keys(it0).slice(0, 5)).toEqual(['id', 'image', 'task', 'question', 'answer']);
    expect(it0.spatial_lens.schema).toBe('spatial-lens/qa@1');
    expect(it0.spatial_lens.generator).toMatchObject({ name: 'spatial-lens', seed: 3 });
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
  });

  it('balances answer letters and true/false per task', () => {
    // shuffled blocks per task and number of options: each letter's count within one of the others
    const counts = new Map<string, Record<string, number>>();
    for (const it of items) {
      if (it.spatial_lens.format !== 'select') continue;
      const key = `${it.task} ${it.spatial_lens.options!.length}`;
      const c = counts.get(key) ?? Object.fromEntries('ABCD'.slice(0, it.spatial_lens.options!.length).split('').map((l) => [l, 0]));
      c[it.answer]++;
      counts.set(key, c);
    }
    expect(counts.size).toBeGreaterThan(15);
    for (const [key, c] of counts) expect(Math.max(...Object.values(c)) - Math.min(...Object.values(c)), key).toBeLessThanOrEqual(1);
    for (const [task, r] of Object.entries(report.tasks)) expect(Math.abs(r.truths.True - r.truths.False), task).toBeLessThanOrEqual(1);
  });

  it('keeps every numeric distractor beyond the task’s success threshold of the answer', () => {
    let checked = 0;
    for (const it of items) {
      const t = TASKS.find((x) => x.id === it.task)!;
      if (it.spatial_lens.format !== 'select' || !t.threshold || typeof it.spatial_lens.value !== 'number') continue;
      const opts = it.spatial_lens.options!.map((o) => parseFloat(o.slice(3)));
      const answer = opts['ABCD'.indexOf(it.answer)];
      opts.forEach((o, k) => {
        if (k === 'ABCD'.indexOf(it.answer)) return;
        expect(relErr(o, it.spatial_lens.value as number), it.question).toBeGreaterThan(t.threshold!);
        expect(relErr(o, answer)).toBeGreaterThan(t.threshold!);
      });
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('spreads the answer’s rank among numeric options evenly, whatever the number of options', () => {
    const ranks = new Map<number, number[]>();
    for (const it of items) {
      if (it.spatial_lens.format !== 'select' || typeof it.spatial_lens.value !== 'number') continue;
      const vals = it.spatial_lens.options!.map((o) => parseFloat(o.slice(3)));
      const a = vals['ABCD'.indexOf(it.answer)];
      const r = ranks.get(vals.length) ?? ranks.set(vals.length, new Array(vals.length).fill(0)).get(vals.length)!;
      r[vals.filter((v) => v < a).length]++;
    }
    let checked = 0;
    for (const [n, r] of ranks) {
      const total = r.reduce((s, x) => s + x, 0);
      if (total < 40) continue;
      checked += total;
      for (const x of r) expect(x / total, `${n} options: ${r.join('/')}`).toBeGreaterThan(0.6 / n);
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const again = generateQA([{ scene: big }, { scene: cloudRoom, points }], { perScene: 2000, seed: 3 });
    expect(JSON.stringify(again.items)).toBe(JSON.stringify(items));
    const other = generateQA([{ scene: big }], { perScene: 200, seed: 4 });
    expect(JSON.stringify(other.items.slice(0, 50))).not.toBe(JSON.stringify(items.slice(0, 50)));
  });

  it('passes the independent audit: every reference picks its object, every wrong option fails', () => {
    const ctxBig = qaContext(big), ctxRoom = qaContext(cloudRoom, points);
    const bad = items.map((it) => ({ it, a: auditItem(it, it.spatial_lens.scene === big.id ? big : cloudRoom, it.spatial_lens.scene === big.id ? ctxBig : ctxRoom) })).filter((x) => x.a.problems.length);
    expect(bad.map((x) => `${x.it.id}: ${x.a.problems.join('; ')}`)).toEqual([]);
    // and the audit does catch a wrong reference or a distractor too close to the answer
    const leftmost = items.find((i) => i.question.includes('the leftmost cup'))!;
    const swapped = { ...leftmost, question: leftmost.question.replace('the leftmost cup', 'the rightmost cup') };
    const params = swapped.spatial_lens.generator.params as { refs: string[] };
    swapped.spatial_lens = { ...swapped.spatial_lens, generator: { ...swapped.spatial_lens.generator, params: { ...params, refs: params.refs.map((r) => (r === 'leftmost' ? 'rightmost' : r)) } } };
    expect(auditItem(swapped, cloudRoom).references).toBe(false);
    const numeric = items.find((i) => i.task === 'distance_prediction_oc' && i.spatial_lens.format === 'select')!;
    const k = 'ABCD'.indexOf(numeric.answer);
    const n = numeric.spatial_lens.options!.length;
    const close = { ...numeric, spatial_lens: { ...numeric.spatial_lens, options: numeric.spatial_lens.options!.map((o, i) => (i === (k + 1) % n ? `${o.slice(0, 3)}${(numeric.spatial_lens.value as number) * 1.2}` : o)) } };
    expect(auditItem(close, big).distractors).toBe(false);
  });

  it('recomputes every item of an unchanged scene to itself', () => {
    for (const it of items.slice(0, 400)) {
      const scene = it.spatial_lens.scene === big.id ? big : cloudRoom;
      const r = recompute(it, scene, scene === cloudRoom ? points : null);
      expect(r.status, `${it.id}: ${'reason' in r ? r.reason : ''}`).toBe('unchanged');
    }
  });
});

describe('pixel-level questions (HiSpatial L0)', () => {
  const { items } = generateQA([{ scene: cloudRoom, points }], { tasks: ['hispatial/L0/point_3d', 'hispatial/L0/depth_order'], perScene: 40, seed: 2 });

  /** Where the ray through pixel (u, v) meets the floor or the wall at y = 6, camera frame. */
  function surface(u: number, v: number): [number, number, number] {
    const x = (u - 319.5) / 500, y = (v - 239.5) / 500;
    const t = y > 0 ? Math.min(6, 1.5 / y) : 6;
    return [x * t, y * t, t];
  }

  it('answers the 3D point seen at the marked pixel', () => {
    const fills = items.filter((i) => i.task === 'hispatial/L0/point_3d' && i.spatial_lens.format === 'fill');
    expect(fills.length).toBeGreaterThan(2);
    for (const it of fills) {
      const [u, v] = it.spatial_lens.marks[0].uv!;
      const got = it.answer.slice(1, -1).split(', ').map(Number);
      const want = surface(u, v);
      // the cloud samples every second pixel: the point may sit a pixel away (≤ 2 cm at 6 m), plus rounding
      got.forEach((g, k) => expect(Math.abs(g - want[k]), it.question).toBeLessThan(0.03 + 0.01 * want[2]));
    }
  });

  it('orders two marked pixels by depth', () => {
    const fills = items.filter((i) => i.task === 'hispatial/L0/depth_order' && i.spatial_lens.format === 'fill');
    expect(fills.length).toBeGreaterThan(2);
    for (const it of fills) {
      const [red, blue] = it.spatial_lens.marks.map((m) => surface(m.uv![0], m.uv![1])[2]);
      const closer = it.question.includes('closer to');
      const redWins = closer ? red < blue : red > blue;
      expect(it.answer).toBe(redWins ? 'the red point' : 'the blue point');
    }
  });
});

describe('bad input', () => {
  it('refuses unknown task ids and formats with the list of known ones', () => {
    const err = (() => {
      try {
        generateQA([{ scene: big }], { tasks: ['depth_prediction_oc', 'nope'] });
      } catch (e) {
        return e;
      }
    })();
    expect(isUserError(err)).toBe(true);
    expect((err as Error).message).toMatch(/Unknown task id: nope\. Known tasks: depth_prediction_oc, /);
    expect(() => generateQA([{ scene: big }], { formats: ['essay' as never] })).toThrow(/Unknown format: essay/);
  });

  it('says why a scene without objects or with one object gives few or no items', () => {
    const { items, report } = generateQA([{ scene: qaScene([], 'empty') }, { scene: qaScene([obj('a', 'chair', box([0, 3, 0.45], [0.5, 0.5, 0.9]))], 'one') }], { perScene: 50 });
    expect(report.scenes[0].notes[0]).toBe('no object can be asked about (the scene has no objects)');
    expect(report.scenes[1].notes).toContain('depth_prediction_oo: needs 2 objects with usable 3D boxes (the scene has 1)');
    expect(items.every((i) => i.spatial_lens.scene === 'one' && i.spatial_lens.objects.length === 1)).toBe(true);
    expect(items.length).toBeGreaterThan(5);
  });

  it('excludes zero-size, non-finite, badly lifted and behind-camera boxes, with the reason', () => {
    const scene = qaScene([
      obj('ok', 'chair', box([0, 3, 0.45], [0.5, 0.5, 0.9])),
      obj('flat', 'chair', box([1, 3, 0.45], [0.5, 0, 0.9])),
      obj('nan', 'chair', box([NaN, 3, 0.45], [0.5, 0.5, 0.9])),
      obj('few', 'cup', box([1, 3, 0.45], [0.1, 0.1, 0.1]), { quality: { fewPoints: true } }),
      obj('odd', 'cup', box([1, 3, 0.45], [3, 3, 3]), { quality: { plausible: false } }),
      obj('back', 'chair', box([0, -2, 0.45], [0.5, 0.5, 0.9])),
      { id: 'nobox', category: 'chair' },
    ]);
    const { report } = generateQA([{ scene }], { perScene: 5 });
    expect(Object.fromEntries(report.scenes[0].excluded.map((e) => [e.id, e.reason]))).toEqual({
      flat: 'its 3D box has zero size',
      nan: 'its 3D box has non-finite values',
      few: 'it was lifted from too few points',
      odd: 'its size is implausible for a cup',
      back: 'its centre is not in front of the camera',
      nobox: 'it has no 3D box',
    });
  });

  it('refuses a scene without a usable camera', () => {
    const bad = { ...qaScene([]), camera: { fx: 0, fy: 500, cx: 1, cy: 1, source: 'manual' as const } };
    expect(() => generateQA([{ scene: bad }])).toThrow(/no usable camera/);
  });
});

describe('an empty generation says why', () => {
  it('objects at nearly one distance from the camera give no camera-distance options, and the report names the reason', () => {
    // five boxes 2.9–3.3 m in front of the camera: no two camera distances are 50 % apart
    const scene = qaScene([0, 1, 2, 3, 4].map((k) => obj(`o${k}`, 'chair', box([-1 + 0.5 * k, 3 + 0.1 * (k % 3), 0.45], [0.5, 0.5, 0.9]))));
    const { items, report } = generateQA([{ scene }], { tasks: ['distance_prediction_oc'], formats: ['select'], perScene: 3, seed: 1 });
    expect(items).toHaveLength(0);
    const [why] = emptyTaskReasons(report);
    expect(why.task).toBe('distance_prediction_oc');
    expect(why.skipped).toBeGreaterThan(0);
    expect(why.reason).toMatch(/clear of the answer|distinct|apart/);
    // and a task that did give items is not listed
    const ok = generateQA([{ scene }], { tasks: ['distance_prediction_oc'], formats: ['fill'], perScene: 3, seed: 1 });
    expect(ok.items.length).toBeGreaterThan(0);
    expect(emptyTaskReasons(ok.report)).toEqual([]);
  });
});
