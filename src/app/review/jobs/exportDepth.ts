// The depth maps an exported item's record names (`depth`, one per image: SPAR-7M's RGB-D records,
// and SPAR-Bench-RGBD rows whose grids the import stored as PNGs). They travel with the export so
// that it can be measured again (`spatial-lens audit` on the zip), each written where the record's
// own reference resolves beside its exported image.
import { depthPathFor } from '../../../domain/review/depthRef';
import type { ExportImage } from '../../../domain/review/exportBundle';
import type { StoredItem } from '../ports';

/** The depth PNGs of `stored` the project holds, by the path the record names them. */
export async function itemDepthMaps(stored: StoredItem, blobOf: (storedPath: string) => Promise<Blob | null>): Promise<(ExportImage & { index: number })[]> {
  const { item } = stored;
  if (!Array.isArray((item as { depth?: unknown }).depth)) return [];
  const out: (ExportImage & { index: number })[] = [];
  for (let k = 0; k < item.image.length; k++) {
    const storedImage = stored.imagePaths ? stored.imagePaths[k] : item.image[k];
    if (!storedImage) continue;
    const at = depthPathFor(item, k, storedImage);
    // relative to the image as the record names it: where an import of the export looks for it
    const named = depthPathFor(item, k, item.image[k]);
    if (!at || !named) continue;
    const blob = await blobOf(at);
    if (blob) out.push({ path: named, blob, index: k });
  }
  return out;
}
