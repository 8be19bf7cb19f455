// Bad input on the command line: a depth-map bomb, an empty model file, a COCO file none of whose
// annotations can be used. Each gets a message naming what is wrong and a non-zero exit.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { depthPngBomb } from '../test/bombs';
import { runJsonLines } from './runInProcess';

const SHARED = path.resolve(import.meta.dirname, '../../../shared/data');
const PHOTO = `${SHARED}/nyu/rgb/rgb_00000.jpg`;
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sl-bad-'));

const run = runJsonLines;

describe('spatial-lens lift: hostile input', () => {
  it('a 30000×30000 16-bit depth PNG of 2.5 MB is refused by its header, at once', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'bomb.png'), depthPngBomb());
    const cpu = process.cpuUsage();
    const r = await run(['lift', PHOTO, '--depth', path.join(dir, 'bomb.png'), '--out', path.join(dir, 'out')]);
    const used = process.cpuUsage(cpu);
    // processor time (the machine may be shared): the photo's decode and the header check
    expect((used.user + used.system) / 1000).toBeLessThan(2000);
    expect(r.code).toBe(1);
    expect(r.lines[0]).toMatchObject({
      ok: false,
      error: 'bomb.png is 30000×30000 pixels (900 MP) by its header; the limit for a depth map is 50 MP, so it was not decoded.',
    });
  });

  it('an empty .onnx is named as empty', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'empty.onnx'), '');
    const r = await run(['lift', PHOTO, '--model', path.join(dir, 'empty.onnx'), '--out', path.join(dir, 'out')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`spatial-lens lift: --model ${path.join(dir, 'empty.onnx')} is empty (0 bytes): an ONNX model file holds the model's graph and weights.`);
    fs.writeFileSync(path.join(dir, 'junk.onnx'), 'this is not a model, only some text');
    const junk = await run(['lift', PHOTO, '--model', path.join(dir, 'junk.onnx'), '--out', path.join(dir, 'out')]);
    expect(junk.code).toBe(1);
    expect(junk.stderr).toMatch(/junk\.onnx is not a valid ONNX model: the runtime could not parse it/);
  });

  it('a COCO file none of whose annotations can be used stops the run with exit 1', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'coco.json'), JSON.stringify({ images: [{ id: 1, file_name: 'rgb_00000.jpg', width: 640, height: 480 }], annotations: [1, 2].map((id) => ({ id, image_id: 1, category_id: 999, bbox: [1, 1, 5, 5] })), categories: [{ id: 1, name: 'cup' }] }));
    const r = await run(['lift', PHOTO, '--fov', '60', '--annotations', path.join(dir, 'coco.json'), '--out', path.join(dir, 'out')]);
    expect(r.code).toBe(1);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatchObject({ imported: 0, total: 2 });
    expect(r.stderr).toMatch(/--annotations .*coco\.json: none of its 2 annotations could be used \(Unknown category_id 999: the categories list has no such id; the annotation was skipped\); nothing was lifted\.$/);
    expect(fs.existsSync(path.join(dir, 'out', 'rgb_00000.scene.json'))).toBe(false);
  });
});
