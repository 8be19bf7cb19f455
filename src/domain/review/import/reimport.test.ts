// Images whose bytes the project already holds are not stored again (a re-imported export); the
// items point at the stored copy. Within one drop, equal files keep their own paths.
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../formats/hash';
import { importAll } from './importer';

const png = (seed: number) => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, seed, seed + 1]);
const row = (id: number, image: string) => `{"id":${id},"format_type":"fill","task":"t","image":["${image}"],"question":"q","answer":"1"}`;

describe('images stored once', () => {
  it('an image already stored (by its bytes) is reused under its stored path, wherever it comes from', async () => {
    const stored = new Map([[await sha256Hex(png(1)), 'first.zip/images/a.png']]);
    const r = await importAll(
      [
        { path: 'again.zip/images/a.png', blob: new Blob([png(1)]) },
        { path: 'again.zip/images/b.png', blob: new Blob([png(2)]) },
        { path: 'again.zip/images/b-copy.png', blob: new Blob([png(2)]) },
        { path: 'again.zip/items.jsonl', blob: new Blob([[row(1, 'images/a.png'), row(2, 'images/b.png'), row(3, 'images/b-copy.png')].join('\n')]) },
      ],
      { existingImages: new Set(['first.zip/images/a.png']), existingImageHashes: stored },
    );
    expect(r.images.map((i) => i.path)).toEqual(['again.zip/images/b.png', 'again.zip/images/b-copy.png']);
    expect(r.summary).toMatchObject({ images: 2, imagesReused: 1 });
    expect(r.images[0].sha256).toBe(await sha256Hex(png(2)));
    expect(r.items.map((i) => [i.appId, i.imagePaths, i.flags])).toEqual([
      ['again.zip/items.jsonl#1', ['first.zip/images/a.png'], []],
      ['again.zip/items.jsonl#2', ['again.zip/images/b.png'], []],
      ['again.zip/items.jsonl#3', ['again.zip/images/b-copy.png'], []],
    ]);
  });
});
