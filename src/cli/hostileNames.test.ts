// The command line with names that are also properties of every plain object, as object ids and
// categories (`qa`) and as item ids and tasks (`score`).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { serializeScene } from '../domain/scene/scene';
import type { QAItem } from '../domain/qa/types';
import { box, obj, qaScene } from '../test/qaScenes';
import { runText } from './runInProcess';
import { scoreCommand } from './score';

const HOSTILE = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'] as const;
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sl-hostile-'));
const jsonl = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

const run = runText;

describe('spatial-lens qa and score with hostile names', () => {
  it('qa: objects named __proto__, constructor, toString, hasOwnProperty are named as written', async () => {
    const dir = tmp();
    const scene = qaScene(
      [
        obj('__proto__', '__proto__', box([-1.2, 4.0, 0.45], [2.0, 0.9, 0.9])),
        obj('constructor', 'constructor', box([0.3, 3.0, 0.38], [1.2, 0.7, 0.76])),
        obj('toString', 'toString', box([-0.6, 2.4, 0.45], [0.5, 0.5, 0.9])),
        obj('hasOwnProperty', 'hasOwnProperty', box([1.3, 2.6, 0.45], [0.5, 0.5, 0.9])),
        obj('c2', 'constructor', box([1.6, 4.5, 0.8], [0.4, 0.4, 1.6])),
      ],
      'hostile',
    );
    fs.writeFileSync(path.join(dir, 'hostile.scene.json'), serializeScene(scene));
    const out = path.join(dir, 'qa.jsonl');
    const r = await run(['qa', dir, '--per-scene', '200', '--seed', '1', '--out', out, '--no-points']);
    expect(r.code).toBe(0);
    const items: QAItem[] = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(items).toHaveLength(200);
    const text = items.map((i) => [i.question, i.answer, ...(i.spatial_lens.options ?? [])].join('\n')).join('\n');
    expect(text).not.toMatch(/function |\[native code\]|\[object Object\]|undefined|NaN/);
    expect(text).toContain('the __proto__');
    expect(text).toContain('constructor');
    expect(r.stdout).toMatch(/^depth_prediction_oc +\d+ /m);
    expect(r.stdout).not.toMatch(/native code|\[object Object\]/);
  });

  it('score: hostile item ids and tasks are matched and tabled', async () => {
    const dir = tmp();
    const items = HOSTILE.flatMap((n, k) => [
      { id: n, task: n, answer: String(k + 1), format_type: 'fill' },
      { id: `${n}_s`, task: n, answer: 'A', format_type: 'select' },
    ]);
    fs.writeFileSync(path.join(dir, 'items.jsonl'), jsonl(items));
    fs.writeFileSync(path.join(dir, 'preds.jsonl'), jsonl(HOSTILE.flatMap((n, k) => [{ id: n, prediction: `${k + 1} ${n}` }, { id: `${n}_s`, prediction: k % 2 ? 'A' : 'B' }])));
    const out: string[] = [];
    const code = await scoreCommand([path.join(dir, 'items.jsonl'), path.join(dir, 'preds.jsonl'), '--json', path.join(dir, 'r.json')], { out: (l) => out.push(l), err: (l) => out.push(l) });
    expect(code).toBe(0);
    const text = out.join('\n');
    for (const n of HOSTILE) {
      expect(text).toMatch(new RegExp(`^${n} +1 +0 +100\\.0 `, 'm'));
    }
    expect(text).toContain('matched 8 of 8 predictions to the 8 items');
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'r.json'), 'utf8'));
    expect(report.rows.filter((r: { kind: string }) => r.kind === 'choice').map((r: { task: string; accuracy: number }) => [r.task, r.accuracy])).toEqual([
      ['__proto__', 0],
      ['constructor', 1],
      ['hasOwnProperty', 1],
      ['toString', 0],
    ]);
  });
});
