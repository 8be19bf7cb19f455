import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listImages, matchDepth, parseShard, shard } from './files';

describe('CLI file selection', () => {
  it('pairs depth maps by stem, then by trailing number', () => {
    expect(matchDepth('/d/color/00000.jpg', ['/d/depth/00000.png', '/d/depth/00001.png'])).toBe('/d/depth/00000.png');
    expect(matchDepth('/nyu/rgb/rgb_00050.jpg', ['/nyu/depth/sync_depth_00000.png', '/nyu/depth/sync_depth_00050.png'])).toBe('/nyu/depth/sync_depth_00050.png');
    expect(matchDepth('/x/a.jpg', ['/y/b.png'])).toBeNull();
    expect(matchDepth('/x/img_7.jpg', ['/y/d_7.png', '/y/e_7.png'])).toBeNull(); // ambiguous
  });
  it('shards deterministically and covers every image exactly once', () => {
    const items = Array.from({ length: 10 }, (_, i) => `img${i}`);
    const parts = [0, 1, 2].map((i) => shard(items, parseShard(`${i}/3`)));
    expect(parts.flat().sort()).toEqual([...items].sort());
    expect(parts[1]).toEqual(['img1', 'img4', 'img7']);
    expect(() => parseShard('3/3')).toThrow(/0 ≤ i < n/);
    expect(() => parseShard('a')).toThrow(/--shard/);
  });
  it('lists folders one level deep, sorted, images only', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-files-'));
    for (const f of ['b.jpg', 'a.PNG', 'notes.txt']) fs.writeFileSync(path.join(dir, f), '');
    expect(listImages([dir]).map((p) => path.basename(p))).toEqual(['a.PNG', 'b.jpg']);
    expect(() => listImages([path.join(dir, 'missing')])).toThrow(/no such file/);
  });
});
