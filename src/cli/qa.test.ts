import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it, vi } from 'vitest';
import { writePly } from '../domain/formats/ply';
import { serializeScene } from '../domain/scene/scene';
import type { QAItem } from '../domain/qa/types';
import { floorAndWallCloud, livingRoom } from '../test/qaScenes';
import { runText } from './runInProcess';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sl-qa-'));

const run = runText;

/** A folder with the living room's scene file, its cloud and a grey photo. */
async function sceneDir(): Promise<string> {
  const dir = tmp();
  const scene = livingRoom();
  const cloud = floorAndWallCloud(scene);
  fs.writeFileSync(path.join(dir, 'living-room.scene.json'), serializeScene(scene));
  fs.writeFileSync(path.join(dir, scene.points.file), writePly(cloud, null, cloud.length / 3));
  await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 128, g: 128, b: 128 } } }).jpeg().toFile(path.join(dir, scene.image.file));
  return dir;
}

const readItems = (f: string): QAItem[] => fs.readFileSync(f, 'utf8').trim().split('\n').map((l) => JSON.parse(l));

describe('spatial-lens qa', () => {
  it('writes the items as JSONL, prints counts and balance, and is deterministic', async () => {
    const dir = await sceneDir();
    const out = path.join(dir, 'qa.jsonl');
    const r = await run(['qa', dir, '--per-scene', '120', '--seed', '5', '--out', out]);
    expect(r.code).toBe(0);
    const items = readItems(out);
    expect(items).toHaveLength(120);
    expect(r.stdout).toMatch(/^task +items +fill select sentence judge +letters A\/B\/C\/D +true\/false$/m);
    expect(r.stdout).toMatch(/^hispatial\/L0\/point_3d +\d+ /m); // the cloud next to the scene was read
    expect(r.stdout).toContain('120 items from 1 scene');
    // the blind-strategy table: a header with the strategies, then one row per group
    expect(r.stdout).toMatch(/^blind strategies \(the options or statement alone, no image\):$/m);
    expect(r.stdout).toMatch(/^group +items select judge chance +min +max .* LR +LR\+mag/m);
    expect(r.stdout).toMatch(/^all +\d+ +\d+ +\d+ +\d+ /m);
    const again = path.join(dir, 'again.jsonl');
    await run(['qa', path.join(dir, 'living-room.scene.json'), '--per-scene', '120', '--seed', '5', '--out', again]);
    expect(fs.readFileSync(again, 'utf8')).toBe(fs.readFileSync(out, 'utf8'));
  });

  it('restricts tasks and formats, and refuses unknown ones', async () => {
    const dir = await sceneDir();
    const out = path.join(dir, 'qa.jsonl');
    const r = await run(['qa', dir, '--tasks', 'distance_prediction_oo,hispatial/L2/distance', '--formats', 'select', '--out', out, '--no-points']);
    expect(r.code).toBe(0);
    const items = readItems(out);
    expect(new Set(items.map((i) => i.task))).toEqual(new Set(['distance_prediction_oo', 'hispatial/L2/distance']));
    expect(items.every((i) => i.spatial_lens.format === 'select')).toBe(true);
    const bad = await run(['qa', dir, '--tasks', 'room_size', '--out', out]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Unknown task id: room_size\. Known tasks: depth_prediction_oc/);
    const noScenes = await run(['qa', tmp(), '--out', out]);
    expect(noScenes.stderr).toMatch(/no scene files/);
  });

  it('writes the SPAR-7M training layout and the marked photos', async () => {
    const dir = await sceneDir();
    const r = await run(['qa', dir, '--tasks', 'distance_prediction_oo', '--formats', 'fill', '--per-scene', '3', '--out', path.join(dir, 'qa.jsonl'), '--spar7m', path.join(dir, 'spar'), '--marked', path.join(dir, 'marked')]);
    expect(r.code).toBe(0);
    const file = path.join(dir, 'spar/qa_jsonl/train/distance_prediction_oo/fill/fill_3.jsonl');
    const rec = JSON.parse(fs.readFileSync(file, 'utf8').split('\n')[0]);
    const item = readItems(path.join(dir, 'qa.jsonl'))[0];
    expect(rec).toMatchObject({ id: item.id, type: 'distance_prediction_oo', image: ['living-room.jpg'], conversations: [{ from: 'human', value: item.question }, { from: 'gpt', value: item.answer }] });
    // red point on the 0–1000 scale: the pixel-centre u + 0.5 over the width
    const [u, v] = item.spatial_lens.marks[0].uv!;
    expect(rec.red_point).toEqual([[Math.round(((u + 0.5) / 640) * 1000), Math.round(((v + 0.5) / 480) * 1000)]]);
    const marked = fs.readdirSync(path.join(dir, 'marked'));
    expect(marked).toHaveLength(3);
    const { data, info } = await sharp(path.join(dir, 'marked', marked[0])).raw().toBuffer({ resolveWithObject: true });
    const first = readItems(path.join(dir, 'qa.jsonl')).find((i) => marked[0].startsWith(i.id.replace(/\//g, '__')))!;
    const [mu, mv] = first.spatial_lens.marks[0].uv!.map(Math.round);
    const px = (mv * info.width + mu) * info.channels;
    // the red disc on a grey photo (JPEG blurs colours a little)
    expect(data[px]).toBeGreaterThan(200);
    expect(data[px + 1]).toBeLessThan(60);
  });

  it('scores predictions against the items and says how many matched', async () => {
    const dir = await sceneDir();
    const items = path.join(dir, 'qa.jsonl');
    await run(['qa', dir, '--tasks', 'distance_prediction_oc,obj_spatial_relation_oo', '--formats', 'fill,select', '--per-scene', '20', '--out', items]);
    const list = readItems(items);
    const preds = path.join(dir, 'preds.jsonl');
    fs.writeFileSync(preds, list.map((i) => JSON.stringify({ id: i.id, prediction: i.answer })).join('\n'));
    const r = await run(['score', items, preds]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/matched 20 of 20 predictions to the 20 items/);
    expect(r.stdout).toMatch(/100\.0/);
    fs.writeFileSync(preds, JSON.stringify({ id: 'nope', prediction: '1' }));
    const none = await run(['score', items, preds]);
    expect(none.code).toBe(1);
    expect(none.stdout).toMatch(/matched 0 of 1 predictions to the 20 items/);
  });
});
