import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { TEST_MODELS_DIR } from '../../scripts/testModels';
import { floorPhoto } from '../../e2e/fixtures';
import { NYU_K, sharedDepthAt } from '../test/depthScales';
import { parsePly } from '../domain/formats/ply';
import { runJsonLines } from './runInProcess';

const SHARED = path.resolve(import.meta.dirname, '../../../shared/data');
const ROOT = path.resolve(import.meta.dirname, '../..');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sl-cli-'));

const run = runJsonLines;

describe('spatial-lens lift', () => {
  it('lifts a folder of RGB-D frames: a PLY and a scene file per image, one JSON line each', async () => {
    const out = tmp();
    const r = await run(['lift', `${SHARED}/nyu/rgb`, '--depth', `${SHARED}/nyu/depth`, '--intrinsics', `${SHARED}/nyu/test_annotations.json`, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.lines.map((l) => path.basename(l.image as string))).toEqual(['rgb_00000.jpg', 'rgb_00050.jpg']);
    for (const l of r.lines) {
      expect(l.ok).toBe(true);
      const ply = parsePly(new Uint8Array(fs.readFileSync(l.ply as string)));
      expect(ply.count).toBe(l.points);
      const scene = JSON.parse(fs.readFileSync(l.scene as string, 'utf8'));
      expect(scene.schema).toBe('spatial-lens/scene@1');
      expect(scene.points).toEqual({ file: path.basename(l.ply as string), count: l.points });
      expect((l.camera as { source: string }).source).toBe('dataset');
      expect((l.gravity as { source: string }).source).toBe('plane-fit');
      expect((l.timingsMs as { total: number }).total).toBeGreaterThan(0);
    }
  });

  it('--shard i/n splits the work', async () => {
    const r = await run(['lift', `${SHARED}/nyu/rgb`, '--depth', `${SHARED}/nyu/depth`, '--out', tmp(), '--shard', '1/2']);
    expect(r.lines.map((l) => path.basename(l.image as string))).toEqual(['rgb_00050.jpg']);
  });

  it('lifts through a depth model given by path, with intrinsics from a file', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'floor.png'), floorPhoto());
    fs.writeFileSync(path.join(dir, 'K.json'), JSON.stringify({ fx: 260, fy: 260, cx: 159.5, cy: 119.5 }));
    const r = await run(['lift', path.join(dir, 'floor.png'), '--intrinsics', path.join(dir, 'K.json'), '--model', path.join(TEST_MODELS_DIR, 'tiny-dav2-metric.onnx:depth-anything-v2-metric'), '--out', path.join(dir, 'out')]);
    expect(r.code).toBe(0);
    const l = r.lines[0] as { ok: boolean; depth: { source: string }; gravity: { cameraHeight: number } };
    expect(l.ok).toBe(true);
    expect(l.depth.source).toBe('model:tiny-dav2-metric');
    expect(Math.abs(l.gravity.cameraHeight - 1.4)).toBeLessThan(0.06);
  });

  it('reports a failed image on its line, goes on, and exits 1; usage errors exit 2', async () => {
    const dir = tmp();
    fs.copyFileSync(`${SHARED}/nyu/rgb/rgb_00000.jpg`, path.join(dir, 'a.jpg'));
    fs.writeFileSync(path.join(dir, 'b.jpg'), fs.readFileSync(`${SHARED}/nyu/rgb/rgb_00000.jpg`).subarray(0, 2000));
    const r = await run(['lift', dir, '--fov', '60', '--out', path.join(dir, 'out')]);
    expect(r.code).toBe(1);
    expect(r.lines).toHaveLength(2);
    expect(r.lines[0]).toMatchObject({ ok: false, error: expect.stringMatching(/no depth map and no --model/) });
    expect(r.lines[1]).toMatchObject({ ok: false, error: expect.stringMatching(/truncated/) });
    expect((await run(['lift', dir, '--shard', '2/2'])).code).toBe(2);
    expect((await run(['lift', dir, '--fov=-3'])).stderr).toMatch(/--fov must be a positive number/);
    expect((await run(['lift', dir, '--model', 'no-such-model'])).stderr).toMatch(/no model with that id/);
    expect((await run(['frobnicate'])).code).toBe(2);
  });

  it("--annotations lifts a COCO file's annotations into the scene files", async () => {
    const dir = tmp();
    fs.copyFileSync(`${SHARED}/nyu/rgb/rgb_00000.jpg`, path.join(dir, 'rgb_00000.jpg'));
    const coco = {
      images: [{ id: 1, file_name: 'rgb_00000.jpg', width: 640, height: 480 }],
      categories: [{ id: 67, name: 'dining table' }],
      annotations: [
        { id: 1, image_id: 1, category_id: 67, bbox: [448, 178, 136, 72] },
        { id: 2, image_id: 1, category_id: 5, bbox: [0, 0, 10, 10] },
      ],
    };
    fs.writeFileSync(path.join(dir, 'coco.json'), JSON.stringify(coco));
    const r = await run(['lift', path.join(dir, 'rgb_00000.jpg'), '--depth', `${SHARED}/nyu/depth/sync_depth_00000.png`, '--intrinsics', `${SHARED}/nyu/test_annotations.json`, '--annotations', path.join(dir, 'coco.json'), '--out', path.join(dir, 'out')]);
    expect(r.code).toBe(0);
    expect(r.lines[0]).toMatchObject({ imported: 1, total: 2 });
    expect((r.lines[0].problems as { message: string }[])[0].message).toMatch(/category_id 5/);
    expect(r.lines[1]).toMatchObject({ ok: true, objects: 1, boxes: 1 });
    const scene = JSON.parse(fs.readFileSync(r.lines[1].scene as string, 'utf8'));
    const table = scene.objects[0];
    expect(table.category).toBe('dining table');
    // the table top stands 0.72–0.80 m above the floor (realdata.test.ts); its box reaches about there
    expect(table.box3d.center[2] + table.box3d.size[2] / 2).toBeGreaterThan(0.65);
    expect(table.box3d.center[2] + table.box3d.size[2] / 2).toBeLessThan(1.2);
  });

  it('checks every lift: a TUM-like frame read as millimetres gets a warning proposing 5000 per metre, none once read right', async () => {
    const dir = tmp();
    fs.copyFileSync(`${SHARED}/nyu/rgb/rgb_00050.jpg`, path.join(dir, 'tum.jpg'));
    fs.writeFileSync(path.join(dir, 'tum_depth.png'), sharedDepthAt('nyu/depth/sync_depth_00050.png', 5000));
    fs.writeFileSync(path.join(dir, 'K.json'), JSON.stringify(NYU_K));
    const args = ['lift', path.join(dir, 'tum.jpg'), '--depth', path.join(dir, 'tum_depth.png'), '--intrinsics', path.join(dir, 'K.json'), '--out', path.join(dir, 'out')];
    type Line = { gravity: { cameraHeight: number }; depthScale: { unitsPerMetre: number; source: string }; sceneKind: { kind: string; source: string }; warnings: { code: string; message: string; proposedDepthScale?: number }[]; scene: string };
    const wrong = (await run(args)).lines[0] as Line;
    // NYU frame 00050 is 1.46 m above its floor (realdata): read 5× too large, 7.3 m
    expect(wrong.gravity.cameraHeight).toBeCloseTo(7.32, 1);
    expect(wrong.depthScale).toEqual({ unitsPerMetre: 1000, source: 'default' });
    expect(wrong.sceneKind).toMatchObject({ kind: 'indoor', source: 'inferred' });
    expect(wrong.warnings).toHaveLength(1);
    expect(wrong.warnings[0]).toMatchObject({ code: 'implausible-scale', proposedDepthScale: 5000 });
    expect(wrong.warnings[0].message).toMatch(/camera 7\.3\d m above the floor \(indoor: 0\.3–3 m\)/);
    expect(wrong.warnings[0].message).toMatch(/At 5000 per metre \(TUM\): camera 1\.46 m above the floor/);
    expect(JSON.parse(fs.readFileSync(wrong.scene, 'utf8')).lift.warnings).toEqual([wrong.warnings[0].message]);
    const right = (await run([...args, '--depth-scale', '5000'])).lines[0] as Line;
    expect(right.gravity.cameraHeight).toBeCloseTo(1.46, 1);
    expect(right.depthScale).toEqual({ unitsPerMetre: 5000, source: 'user', detail: '--depth-scale' });
    expect(right.warnings).toEqual([]);
    // the scale from a Metric3D annotation file, per image; no warning for the real NYU frame
    const nyu = (await run(['lift', `${SHARED}/nyu/rgb/rgb_00000.jpg`, '--depth', `${SHARED}/nyu/depth/sync_depth_00000.png`, '--intrinsics', `${SHARED}/nyu/test_annotations.json`, '--out', path.join(dir, 'out')])).lines[0] as Line;
    expect(nyu.depthScale).toEqual({ unitsPerMetre: 1000, source: 'file', detail: 'test_annotations.json' });
    expect(nyu.warnings).toEqual([]);
    // the scene kind can be set; a bad one is a usage error
    const asTable = (await run([...args, '--depth-scale', '5000', '--scene-kind', 'tabletop'])).lines[0] as Line;
    expect(asTable.sceneKind).toMatchObject({ kind: 'tabletop', source: 'user' });
    expect(asTable.warnings[0].message).toMatch(/Implausible for a tabletop scene \(as set\)/);
    expect((await run([...args, '--scene-kind', 'kitchen'])).stderr).toMatch(/--scene-kind must be one of auto, indoor, tabletop, outdoor \(found "kitchen"\)/);
  });

  it('runs as `npx spatial-lens` from the checkout', () => {
    const out = execFileSync('node', [path.join(ROOT, 'bin/spatial-lens.js'), '--help'], { encoding: 'utf8' });
    expect(out).toMatch(/spatial-lens lift <images or folders…>/);
  });
});
