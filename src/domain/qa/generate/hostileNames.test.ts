// Object ids and categories named like properties of every plain object (`__proto__`,
// `constructor`, `toString`, `hasOwnProperty`): the generator names them as written, never as
// "function Object() { [native code] }" or "[object Object]".
import { describe, expect, it } from 'vitest';
import type { SceneFile } from '../../scene/scene';
import { viewsRoom } from '../../../test/qaViews';
import { auditItem } from '../audit/generated';
import { qaContext } from './context';
import { generateQA } from './generate';
import { fromSpar7m, type Spar7mRecord, spar7mIssues, toSpar7m } from '../export/sparLayout';
import { TASKS } from './tasks';

const HOSTILE = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'] as const;
/** Text that only a property read by mistake produces. */
const LEAK = /function |\[native code\]|\[object Object\]|undefined|NaN/;

/** The multi-view room with hostile ids and categories (two objects share each of two categories, for counting). */
function hostileRoom(): SceneFile {
  const scene = viewsRoom();
  const names: [string, string][] = [
    ['__proto__', '__proto__'],
    ['constructor', 'constructor'],
    ['toString', 'toString'],
    ['hasOwnProperty', 'toString'],
    ['valueOf', 'hasOwnProperty'],
    ['isPrototypeOf', '__proto__'],
    ['propertyIsEnumerable', 'constructor'],
    ['__defineGetter__', 'valueOf'],
  ];
  scene.objects = scene.objects.map((o, i) => ({ ...o, id: names[i][0], category: names[i][1] }));
  return scene;
}

describe('QA generation with hostile names', () => {
  const scene = hostileRoom();
  const { items, report } = generateQA([{ scene }], { perScene: 600, seed: 3 });

  it('generates items in every family that the scene allows, naming the objects as written', () => {
    expect(items.length).toBeGreaterThan(300);
    for (const it of items) {
      for (const text of [it.question, it.answer, ...(it.spatial_lens.options ?? [])]) expect(text, it.id).not.toMatch(LEAK);
    }
    const questions = items.map((i) => i.question).join('\n');
    for (const n of HOSTILE) expect(questions).toContain(n.toLowerCase());
    // counting and multi-view families ran (their evidence is keyed by object id)
    expect(items.some((i) => i.task === 'obj_count')).toBe(true);
    expect(items.some((i) => i.task.endsWith('_mv'))).toBe(true);
    const counted = items.find((i) => i.task === 'obj_count')!;
    const seenIn = counted.spatial_lens.evidence.seenIn as Record<string, number[]>;
    expect(Object.keys(seenIn).length).toBeGreaterThan(0);
    for (const id of Object.keys(seenIn)) expect(scene.objects.map((o) => o.id)).toContain(id);
  });

  it('every item passes the audit of its references and options', () => {
    const ctx = qaContext(scene);
    const failed = items.map((i) => ({ id: i.id, a: auditItem(i, scene, ctx) })).filter((x) => !x.a.references || !x.a.distractors);
    expect(failed.map((f) => `${f.id}: ${f.a.problems.join('; ')}`)).toEqual([]);
  });

  it('the report is keyed by task as plain data', () => {
    const json = JSON.parse(JSON.stringify(report));
    expect(Object.keys(json.tasks).sort()).toEqual(TASKS.map((t) => t.id).sort());
    expect(json.items).toBe(items.length);
  });

  it('SPAR-7M records with hostile types and fields round-trip, and are reported, not crashed on', () => {
    for (const n of HOSTILE) {
      const rec: Spar7mRecord = { id: `s_${n}`, type: n, image: ['a.jpg'], conversations: [{ from: 'human', value: 'q' }, { from: 'gpt', value: 'a' }], red_point: [[500, 500]], point_img_idx: [[0]] };
      Object.defineProperty(rec, n, { value: `field ${n}`, enumerable: true });
      const item = fromSpar7m(rec, [{ width: 640, height: 480 }]);
      expect(item.task).toBe(n);
      expect(Object.getOwnPropertyDescriptor(item, n)?.value).toBe(`field ${n}`);
      const back = toSpar7m(item, [{ width: 640, height: 480 }]);
      expect(Object.getOwnPropertyDescriptor(back, n)?.value).toBe(`field ${n}`);
      expect(back.red_point).toEqual([[500, 500]]);
      expect(spar7mIssues(back)).toEqual([`SPAR's draw_marker has no drawer for type "${n}"; its loader raises "Unsupported data type"`]);
    }
  });
});
