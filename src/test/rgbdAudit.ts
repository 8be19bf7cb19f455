// The synthetic RGB-D items as the audit sees them (QA items and their images' data). Node only.
import type { ItemImage } from '../domain/qa/audit/measureItem';
import type { QAItem } from '../domain/qa/types';
import type { RgbdFrame, RgbdItem } from './rgbdItems';

/** The fields of a synthetic item the audit reads (value items and relation items alike). */
export type SyntheticItem = Pick<RgbdItem, 'id' | 'task' | 'question' | 'answer' | 'format' | 'frames' | 'images'>;

export function asQAItem(it: SyntheticItem): QAItem {
  return {
    id: String(it.id),
    image: it.frames.map((_, k) => `${it.id}_${k}.jpg`),
    task: it.task,
    question: it.question,
    answer: it.answer,
    spatial_lens: { schema: 'spatial-lens/qa@1', format: it.format, objects: [], marks: [], evidence: {}, scene: 'synthetic', generator: { name: 'spatial-lens', version: 'test', seed: 0 } },
  };
}

export function itemImages(it: SyntheticItem, frames: readonly RgbdFrame[]): ItemImage[] {
  return it.frames.map((fi, k) => {
    const f = frames[fi];
    return { rgba: it.images[k], depth: f.depth, K: f.K, Kdepth: f.Kdepth, ...(f.pose ? { pose: f.pose } : {}) };
  });
}
