// Which files a `lift` run processes: deterministic order, shards, depth-map pairing.
import fs from 'node:fs';
import path from 'node:path';

export const IMAGE_EXT = /\.(jpe?g|png|webp|heic|heif)$/i;

/** Images named on the command line (files, or folders read one level deep), sorted, unique. */
export function listImages(inputs: string[], exclude: Set<string> = new Set()): string[] {
  const out = new Set<string>();
  for (const input of inputs) {
    const st = fs.statSync(input, { throwIfNoEntry: false });
    if (!st) throw new Error(`${input}: no such file or folder`);
    if (st.isDirectory()) {
      for (const f of fs.readdirSync(input)) {
        const p = path.join(input, f);
        if (IMAGE_EXT.test(f) && fs.statSync(p).isFile() && !exclude.has(path.resolve(p))) out.add(path.resolve(p));
      }
    } else out.add(path.resolve(input));
  }
  return [...out].sort();
}

/** "i/n" → the images with index ≡ i (mod n): any job runner can split a dataset this way. */
export function parseShard(spec: string | undefined): { index: number; count: number } {
  if (!spec) return { index: 0, count: 1 };
  const m = /^(\d+)\/(\d+)$/.exec(spec);
  if (!m || Number(m[2]) < 1 || Number(m[1]) >= Number(m[2])) throw new Error(`--shard must be i/n with 0 ≤ i < n (found "${spec}")`);
  return { index: Number(m[1]), count: Number(m[2]) };
}

export const shard = <T>(items: T[], s: { index: number; count: number }): T[] => items.filter((_, k) => k % s.count === s.index);

const stem = (p: string) => path.basename(p).replace(/\.[^.]+$/, '');
const lastNumber = (s: string) => /(\d+)(?!.*\d)/.exec(s)?.[1];

/**
 * The depth map for an image from a folder of depth maps: same stem, else the one file whose
 * last number matches (NYU's rgb_00000.jpg ↔ sync_depth_00000.png). Null when none or ambiguous.
 */
export function matchDepth(image: string, depthFiles: string[]): string | null {
  const s = stem(image);
  const same = depthFiles.filter((d) => stem(d) === s);
  if (same.length === 1) return same[0];
  const n = lastNumber(s);
  if (n === undefined) return null;
  const byNumber = depthFiles.filter((d) => lastNumber(stem(d)) === n);
  return byNumber.length === 1 ? byNumber[0] : null;
}
