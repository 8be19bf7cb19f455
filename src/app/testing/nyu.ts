// Real NYU Depth v2 frames (../shared/data/nyu) as the TestApp opens them: photo, millimetre depth
// map and the dataset's intrinsics as a JSON file. Tests that need them skip, saying why, when the
// shared data is absent.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NYU_K, SHARED_DATA } from '../../test/depthScales';

export const HAS_NYU = fs.existsSync(path.join(SHARED_DATA, 'nyu/rgb/rgb_00000.jpg'));
export const NYU_MISSING = `the real NYU frames are not at ${SHARED_DATA}/nyu (they come with the shared data beside the checkout)`;

/** The files of NYU frame `n` (0 or 50) on disk: photo, depth map (millimetres), intrinsics. */
export function nyuFrame(n: 0 | 50): string[] {
  const k = String(n).padStart(5, '0');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-nyu-'));
  const intrinsics = path.join(dir, 'nyu_K.json');
  fs.writeFileSync(intrinsics, JSON.stringify(NYU_K));
  return [path.join(SHARED_DATA, `nyu/rgb/rgb_${k}.jpg`), path.join(SHARED_DATA, `nyu/depth/sync_depth_${k}.png`), intrinsics];
}
