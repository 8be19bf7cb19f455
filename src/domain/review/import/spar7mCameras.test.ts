// SPAR-7M-RGBD camera files on import: the folder rule that finds an image's intrinsics and pose,
// the cameras attached per image as the RGB-D columns are, and hostile or damaged camera files
// refused one by one with the rest imported.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { HAVE_SHARED_DATA } from '../../../test/markedPhotos';
import { folderFiles } from '../../../test/folderFiles';
import { redwoodLog, writeSpar7mFixture } from '../../../test/spar7mLayout';
import { imageCamera } from './rgbdColumns';
import { importAll, type ImportFile } from './importer';
import { cameraFilesFor, isCameraTextPath } from './spar7mCameras';
import type { ItemSource } from '../types';

describe('where an image’s camera files are', () => {
  const files = new Set([
    'spar/scannet/images/scene0261_00/intrinsic/intrinsic_color.txt',
    'spar/scannet/images/scene0261_00/intrinsic/intrinsic_depth.txt',
    'spar/scannet/images/scene0261_00/pose/543.txt',
    'spar/scannet/images/scene0261_00/pose/35.txt',
    'spar/scannet/images/scene0261_00/video_pose/frame2_70.txt',
    's3d/images/scene_00000/intrinsic/485142_0.txt',
    's3d/images/scene_00000/intrinsic/intrinsic_color.txt',
    's3d/images/scene_00000/pose/485142_0.txt',
  ]);
  const has = (p: string) => files.has(p);

  it('ScanNet: the scene’s intrinsics and the frame’s pose by its colour index', () => {
    expect(cameraFilesFor('spar/scannet/images/scene0261_00/image_color/543.jpg', has)).toEqual({
      intrinsic: 'spar/scannet/images/scene0261_00/intrinsic/intrinsic_color.txt',
      intrinsicDepth: 'spar/scannet/images/scene0261_00/intrinsic/intrinsic_depth.txt',
      pose: 'spar/scannet/images/scene0261_00/pose/543.txt',
      missing: [],
    });
  });

  it('video frames: video_pose/ first, else the pose of the colour frame they copy (frame<i>_<n>)', () => {
    expect(cameraFilesFor('spar/scannet/images/scene0261_00/video_color/frame2_70.jpg', has).pose).toBe('spar/scannet/images/scene0261_00/video_pose/frame2_70.txt');
    expect(cameraFilesFor('spar/scannet/images/scene0261_00/video_color/frame1_35.jpg', has).pose).toBe('spar/scannet/images/scene0261_00/pose/35.txt');
  });

  it('Structured3D: a per-image intrinsic file wins over the scene’s', () => {
    expect(cameraFilesFor('s3d/images/scene_00000/image_color/485142_0.jpg', has).intrinsic).toBe('s3d/images/scene_00000/intrinsic/485142_0.txt');
  });

  it('says what it looked for when a file is not there', () => {
    const r = cameraFilesFor('spar/scannet/images/scene0261_00/image_color/12.jpg', has);
    expect(r.pose).toBeUndefined();
    expect(r.missing).toEqual(['no pose: spar/scannet/images/scene0261_00/pose/12.txt is not in the drop']);
    expect(cameraFilesFor('other/images/s1/image_color/1.jpg', has).missing[0]).toBe('no intrinsics: neither other/images/s1/intrinsic/intrinsic_color.txt nor other/images/s1/intrinsic/1.txt is in the drop');
  });

  it('only .txt files in intrinsic/, pose/ and video_pose/ are camera files', () => {
    expect(isCameraTextPath('a/scene/pose/1.txt')).toBe(true);
    expect(isCameraTextPath('a/scene/intrinsic/intrinsic_depth.txt')).toBe(true);
    expect(isCameraTextPath('a/scene/notes.txt')).toBe(false);
    expect(isCameraTextPath('a/scene/pose/1.json')).toBe(false);
  });
});

describe.skipIf(!HAVE_SHARED_DATA)('importing a SPAR-7M-RGBD folder with its camera files', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-spar7m-import-'));
  const fx = writeSpar7mFixture(dir);
  const log = redwoodLog();

  it('attaches each image’s intrinsics and pose to its item, as the RGB-D columns carry them', async () => {
    const r = await importAll(folderFiles(fx.root));
    expect(r.summary.items).toBe(fx.items.length);
    // the camera files are read, not reported as unknown; video_idx.txt is passed over quietly
    expect(r.problems).toEqual([]);
    expect(r.summary.skipped.filter((p) => p.endsWith('video_idx.txt'))).toHaveLength(2);
    const mv = r.items.find((i) => i.item.id === 'redwood_00_7')!.item as unknown as Record<string, unknown>;
    for (const [k, n] of [3, 4].entries()) {
      const cam = imageCamera(mv, k);
      expect(cam.K).toEqual({ fx: 525, fy: 525, cx: 319.5, cy: 239.5 });
      expect(cam.Kdepth).toEqual({ fx: 525, fy: 525, cx: 319.5, cy: 239.5 });
      // the log's matrix, through six-digit text
      cam.pose!.forEach((x, i) => expect(x).toBeCloseTo(log[n][i], 5));
    }
    expect((mv.spatial_lens as { source: ItemSource }).source.cameraNotes).toBeUndefined();
  });

  it('reads the camera files from inside a zip as from a folder', async () => {
    const zip = zipSync(Object.fromEntries(await Promise.all(folderFiles(fx.root).map(async (f) => [f.path, new Uint8Array(await f.blob.arrayBuffer())] as const))));
    const r = await importAll([{ path: 'spar7m.zip', blob: new Blob([zip]) }]);
    expect(r.problems).toEqual([]);
    expect(r.summary.items).toBe(fx.items.length);
    const mv = r.items.find((i) => i.item.id === 'redwood_00_5')!.item as unknown as Record<string, unknown>;
    expect(imageCamera(mv, 0).K?.fx).toBe(525);
    imageCamera(mv, 1).pose!.forEach((x, i) => expect(x).toBeCloseTo(log[4][i], 5));
  });

  it('an untracked frame (-inf rows) and a missing pose file are "no pose", said per item, and the import goes on', async () => {
    const r = await importAll(folderFiles(fx.root));
    const it = r.items.find((i) => i.item.id === 'redwood_01_9')!.item;
    const rec = it as unknown as Record<string, unknown>;
    expect(imageCamera(rec, 0).K?.fx).toBe(525);
    expect(imageCamera(rec, 0).pose).toBeUndefined();
    expect(imageCamera(rec, 1).pose).toBeUndefined();
    expect((it.spatial_lens.source as ItemSource).cameraNotes).toEqual([
      'image 1 (spar/scannet/images/redwood_01/image_color/0.jpg): no pose: spar/scannet/images/redwood_01/pose/0.txt marks the frame as untracked (rows of -inf)',
      'image 2 (spar/scannet/images/redwood_01/image_color/3.jpg): no pose: spar/scannet/images/redwood_01/pose/3.txt is not in the drop',
    ]);
  });

  it('refuses damaged and oversized camera files by name and line, once each, and imports every item', async () => {
    const files = folderFiles(fx.root).map((f): ImportFile => {
      if (f.path.endsWith('redwood_00/pose/3.txt')) return { path: f.path, blob: new Blob(['1 0 0 0\n0 1 0 0\n0 0 1 NaN\n0 0 0 1\n']) };
      // a "pose" of 1 MB: not read at all
      if (f.path.endsWith('redwood_00/pose/4.txt')) return { path: f.path, blob: new Blob([new Uint8Array(1 << 20).fill(0x31)]) };
      return f;
    });
    const r = await importAll(files);
    expect(r.summary.items).toBe(fx.items.length);
    expect(r.problems.map((p) => p.message)).toEqual([
      'spar/scannet/images/redwood_00/pose/3.txt line 3: "NaN" is not a finite number',
      'spar/scannet/images/redwood_00/pose/4.txt is 1,048,576 bytes; a camera matrix file is a few hundred, so it was not read',
    ]);
    const it = r.items.find((i) => i.item.id === 'redwood_00_7')!.item;
    expect((it.spatial_lens.source as ItemSource).cameraNotes).toEqual([
      'image 1 (spar/scannet/images/redwood_00/image_color/3.jpg): no pose: spar/scannet/images/redwood_00/pose/3.txt was refused',
      'image 2 (spar/scannet/images/redwood_00/image_color/4.jpg): no pose: spar/scannet/images/redwood_00/pose/4.txt was refused',
    ]);
  });

  it('a drop without camera files imports as before (no camera fields, no notes)', async () => {
    const r = await importAll(folderFiles(fx.root).filter((f) => !f.path.endsWith('.txt')));
    expect(r.problems).toEqual([]);
    for (const { item } of r.items) {
      expect('intrinsic_color' in item || 'pose' in item).toBe(false);
      expect((item.spatial_lens.source as ItemSource).cameraNotes).toBeUndefined();
    }
  });

  it('other .txt files are still reported as not read', async () => {
    const r = await importAll([...folderFiles(fx.root), { path: 'spar/notes.txt', blob: new Blob(['hello']) }]);
    expect(r.problems.map((p) => [p.file, p.kind])).toEqual([['spar/notes.txt', 'ignored']]);
  });
});
