// Categories are free text: any name a user types or an imported file brings. Suggestions come
// from the names already in use (imported files, the scene) before COCO's 80, matches at the start
// of a name or a word before matches inside one.
import type { SceneObject } from '../scene/scene';
import { COCO80_NAMES } from './cocoCategories';
import { checkSize } from './sizes';

/** What a new drawn object is called until the user names it (never a real category). */
export const UNNAMED = 'unnamed';

/** A typed category, tidied (trimmed, inner spaces collapsed), or null when it is empty or too long. */
export function normaliseCategory(text: string): string | null {
  const t = text.trim().replace(/\s+/g, ' ');
  return t && t.length <= 80 ? t : null;
}

/**
 * Up to `limit` suggestions for what is typed: names from `sources` in order (earlier sources
 * first), then COCO's, without duplicates (case-insensitive); prefix and word-start matches first.
 */
export function categorySuggestions(typed: string, sources: Iterable<string>[], limit = 12): string[] {
  const seen = new Set<string>(), all: string[] = [];
  for (const src of [...sources, COCO80_NAMES])
    for (const raw of src) {
      const n = normaliseCategory(raw);
      if (!n || n === UNNAMED || seen.has(n.toLowerCase())) continue;
      seen.add(n.toLowerCase());
      all.push(n);
    }
  const q = typed.trim().toLowerCase();
  if (!q) return all.slice(0, limit);
  const rank = (n: string) => {
    const l = n.toLowerCase();
    return l.startsWith(q) ? 0 : l.split(/[\s_-]+/).some((w) => w.startsWith(q)) ? 1 : l.includes(q) ? 2 : 3;
  };
  return all
    .map((n, k) => ({ n, k, r: rank(n) }))
    .filter((x) => x.r < 3 && x.n.toLowerCase() !== q)
    .sort((a, b) => a.r - b.r || a.k - b.k)
    .slice(0, limit)
    .map((x) => x.n);
}

/**
 * The object renamed, its size judged again against the new category's prior (or none); the old
 * name's dataset id goes with the old name (an export would give the new name the old class).
 */
export function withCategory(o: SceneObject, category: string): SceneObject {
  const { note: _, categoryId: __, ...rest } = o;
  if (!o.box3d) return { ...rest, category };
  const p = checkSize(category, o.box3d);
  return { ...rest, category, quality: { ...(o.quality ?? {}), plausible: p.plausible, sizePrior: p.prior }, ...(p.reason ? { note: p.reason } : {}) };
}
