// The original photos a question export carries beside the marked copies: every photo the records
// name whose bytes are at hand, under images/<name>, where both our JSONL and SPAR-7M's layout
// (which resolve images by their name) find them when the zip is imported or used for training.
import { dict } from '../../dict';
import type { QAItem } from '../types';

/** A name safe as one path under images/: its own segments, none of them `.`, `..` or empty. */
const safePath = (p: string): string =>
  p
    .replace(/\\/g, '/')
    .split('/')
    .filter((s) => s && s !== '.' && s !== '..')
    .map((s) => s.replace(/[\u0000-\u001f\u007f]/g, '_'))
    .join('/') || '_';

/**
 * The files `images/<name>` for the photos the items name, from the photos at hand (name → bytes);
 * `missing` lists the names whose bytes are not at hand (the records still name them).
 */
export function questionPhotos(items: readonly QAItem[], photos: ReadonlyMap<string, Uint8Array>): { files: Record<string, Uint8Array>; missing: string[] } {
  // keyed by file names, which may be `__proto__` in a hostile file
  const files = dict<Uint8Array>();
  const missing: string[] = [];
  const seen = new Set<string>();
  for (const item of items)
    for (const name of item.image) {
      if (seen.has(name)) continue;
      seen.add(name);
      const bytes = photos.get(name);
      if (bytes) files[`images/${safePath(name)}`] = bytes;
      else missing.push(name);
    }
  return { files, missing };
}
