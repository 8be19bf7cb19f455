import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreCommand } from './score';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sl-score-'));
const jsonl = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await scoreCommand(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

// Raw SPAR-Bench-like records: two numeric, two multiple choice.
const ITEMS = [
  { id: 0, task: 'depth_prediction_oc', answer: '2.0', format_type: 'fill' },
  { id: 1, task: 'depth_prediction_oc', answer: '1.0', format_type: 'fill' },
  { id: 2, task: 'spatial_imagination_oc', answer: 'B', format_type: 'select' },
  { id: 3, task: 'spatial_imagination_oc', answer: 'A', format_type: 'select' },
];

function files(predictions: string, items = jsonl(ITEMS)) {
  const dir = tmp();
  fs.writeFileSync(path.join(dir, 'items.jsonl'), items);
  fs.writeFileSync(path.join(dir, 'preds.jsonl'), predictions);
  return { dir, items: path.join(dir, 'items.jsonl'), preds: path.join(dir, 'preds.jsonl') };
}

describe('spatial-lens score', () => {
  it('prints a table and the match summary, and writes the JSON report', async () => {
    // id 0: "2.3" vs 2.0 → MRA 0.8; id 1 has no prediction; id 2: "B" ✓; id 3: "C" ✗; id 9 matches nothing
    const f = files(jsonl([{ question_id: 0, response: '2.3' }, { id: '2', prediction: 'B' }, { id: 3, prediction: 'C' }, { id: 9, prediction: 'A' }]));
    const json = path.join(f.dir, 'report.json');
    const r = await run([f.items, f.preds, '--json', json]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^depth_prediction_oc +1 +1 +80\.0 /m);
    expect(r.out).toMatch(/^spatial_imagination_oc +2 +0 +50\.0 /m);
    // overall: (0.8 + 0.5) / 2 = 0.65
    expect(r.out).toContain('overall: 65.0 (mean of 2 task scores)');
    expect(r.out).toContain('SPAR levels: Low 80.0, Middle –, High 50.0');
    expect(r.out).toContain('matched 3 of 4 predictions to the 4 items; 1 item had none');
    expect(r.out).toContain('1 prediction id matches no item, e.g. 9');
    const report = JSON.parse(fs.readFileSync(json, 'utf8'));
    expect(report).toMatchObject({ items: 4, predictions: 4, matched: 3, itemsWithoutPrediction: 1 });
  });

  it('exits 1 when no prediction id matches, and says how many did', async () => {
    const f = files(jsonl([{ id: 'scene0000_00_0', prediction: '1.0' }, { id: 'scene0000_00_1', prediction: 'A' }]));
    const r = await run([f.items, f.preds]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('matched 0 of 2 predictions to the 4 items; 4 items had none');
    expect(r.err).toMatch(/no prediction id in .*preds\.jsonl matches an item id/);
  });

  it('warns about bad lines by file and line number, and scores the rest', async () => {
    const f = files(['{"id": 2, "prediction": "B"}', '{oops', '{"id": 3}'].join('\n'));
    const r = await run([f.items, f.preds]);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`warning: ${f.preds} line 2: not valid JSON`);
    expect(r.err).toContain(`warning: ${f.preds} line 3: no prediction for id 3`);
    expect(r.out).toContain('matched 1 of 1 predictions to the 4 items; 3 items had none');
  });

  it('exits 2 with a clear message for a missing or unusable file', async () => {
    const f = files('{"id": 0, "prediction": "1"}\n');
    const missing = await run([f.items, path.join(f.dir, 'nope.jsonl')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/cannot read the predictions file .*nope\.jsonl: no such file/);
    expect(missing.out).toBe('');

    const folder = await run([f.dir, f.preds]);
    expect(folder.code).toBe(2);
    expect(folder.err).toMatch(/the items file .* is a folder/);

    const empty = files('\n\n');
    expect(await run([empty.items, empty.preds])).toMatchObject({ code: 2, err: expect.stringMatching(/preds\.jsonl is empty/) });

    const garbage = files('not json\nat all\n');
    expect(await run([garbage.items, garbage.preds])).toMatchObject({ code: 2, err: expect.stringMatching(/preds\.jsonl has no usable predictions/) });

    const notItems = files('{"id": 0, "prediction": "1"}\n', jsonl([{ foo: 1 }]));
    expect(await run([notItems.items, notItems.preds])).toMatchObject({ code: 2, err: expect.stringMatching(/items\.jsonl has no usable QA items.*lacks "id"/) });
  });

  it('exits 2 on wrong arguments', async () => {
    expect((await run(['only-one.jsonl'])).code).toBe(2);
    expect((await run(['a', 'b', '--bogus'])).code).toBe(2);
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('spatial-lens score <items.jsonl> <predictions.jsonl>');
  });
});
