// What an export of QA items holds, whoever writes it (the CLI to a folder, the app to a zip):
// the items as JSONL, the same items in SPAR-7M's training layout, and one marked photo per item
// image that carries marks.
import { type ImageSize, spar7mFileName, spar7mLines, spar7mPath } from './sparLayout';
import type { QAItem } from '../types';

export const itemsJsonl = (items: readonly QAItem[]): string => items.map((i) => JSON.stringify(i)).join('\n') + (items.length ? '\n' : '');

/** SPAR-7M files: `qa_jsonl/train/<task>/<format>/<format>_<n>.jsonl`, one per task and format. */
export function spar7mFiles(items: readonly QAItem[], sizeOf: (image: string) => ImageSize): { path: string; text: string }[] {
  const groups = new Map<string, QAItem[]>();
  for (const it of items) {
    const dir = spar7mPath(it.task, it.spatial_lens.format);
    groups.set(dir, [...(groups.get(dir) ?? []), it]);
  }
  return [...groups].map(([dir, group]) => ({ path: `${dir}${spar7mFileName(group[0].spatial_lens.format, group.length)}`, text: spar7mLines(group, sizeOf) }));
}

export interface MarkedImage {
  item: QAItem;
  /** Index into the item's images. */
  index: number;
  /** The photo the marks go on. */
  image: string;
  /** File name of the marked copy. */
  name: string;
}

/** The marked photos an export holds: per item, each of its images that has marks. */
export function markedImages(items: readonly QAItem[]): MarkedImage[] {
  const out: MarkedImage[] = [];
  for (const item of items)
    item.image.forEach((image, index) => {
      if (!item.spatial_lens.marks.some((m) => (m.image ?? 0) === index)) return;
      const base = item.id.replace(/[^A-Za-z0-9._-]+/g, '__');
      out.push({ item, index, image, name: `${base}${item.image.length > 1 ? `_${index}` : ''}.jpg` });
    });
  return out;
}
