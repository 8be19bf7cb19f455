// SPAR-7M's RGB-D records name a depth map per image (`depth`, relative to the same images/ folder
// as `image`). An imported item keeps that field; its image was found somewhere in the drop, so its
// depth map is looked for under the same root.

/** Normalised path segments (no empty, `.` or backslashes). */
const segs = (p: string) => p.replace(/\\/g, '/').split('/').filter((s) => s && s !== '.');

/**
 * Where the depth map of an item's k-th image would be stored, given where the image itself was
 * stored: the image's stored path minus the part its reference names, plus the depth reference.
 * Null when the item names no depth for that image, or the stored path does not end in the reference.
 */
export function depthPathFor(item: { image: string[]; depth?: unknown }, k: number, storedImagePath: string): string | null {
  const depth = Array.isArray(item.depth) ? item.depth[k] : undefined;
  const ref = item.image[k];
  if (typeof depth !== 'string' || !depth || typeof ref !== 'string') return null;
  const at = segs(storedImagePath), named = segs(ref), wanted = segs(depth);
  if (wanted.includes('..') || named.length > at.length) return null;
  for (let i = 1; i <= named.length; i++) if (at[at.length - i] !== named[named.length - i]) return null;
  return [...at.slice(0, at.length - named.length), ...wanted].join('/');
}
