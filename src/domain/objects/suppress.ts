// Class-agnostic suppression of overlapping detections: a detector scores each class on its own,
// so one wardrobe can come back as "oven 65 %" and "refrigerator 62 %". Of detections whose boxes
// overlap by more than the threshold (intersection over union), only the best-scored is kept,
// whatever the classes; objects already on the photo (drawn, given, accepted) win over new ones.
import type { BBox } from './types';

/** Intersection over union of two COCO boxes [x, y, w, h]. */
export function boxIou(a: BBox, b: BBox): number {
  const iw = Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]);
  const ih = Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]);
  if (iw <= 0 || ih <= 0) return 0;
  const inter = iw * ih;
  const union = a[2] * a[3] + b[2] * b[3] - inter;
  return union > 0 ? inter / union : 0;
}

export interface Scored {
  id: string;
  category: string;
  bbox: BBox;
  score?: number;
}

export interface Suppressed<T> {
  item: T;
  /** The detection or object that overlaps it and was kept. */
  by: Scored;
  iou: number;
}

/** Default overlap above which two detections are taken as one object (as common detection tools do). */
export const AGNOSTIC_IOU = 0.6;

/**
 * Greedy suppression across classes: best score first; a detection overlapping a kept one (or an
 * object in `existing`) by IoU > `iou` is dropped. `iou` ≥ 1 turns suppression off.
 */
export function suppressOverlaps<T extends Scored>(detections: T[], iou = AGNOSTIC_IOU, existing: Scored[] = []): { kept: T[]; suppressed: Suppressed<T>[] } {
  const order = detections.map((d, k) => ({ d, k })).sort((a, b) => (b.d.score ?? 0) - (a.d.score ?? 0) || a.k - b.k);
  const kept: T[] = [], suppressed: Suppressed<T>[] = [];
  const winners: Scored[] = [...existing];
  for (const { d } of order) {
    let hit: Suppressed<T> | null = null;
    if (iou < 1)
      for (const w of winners) {
        const o = boxIou(d.bbox, w.bbox);
        if (o > iou && (!hit || o > hit.iou)) hit = { item: d, by: w, iou: o };
      }
    if (hit) suppressed.push(hit);
    else {
      kept.push(d);
      winners.push(d);
    }
  }
  // keep the detector's order for what stays
  const rank = new Map(detections.map((d, k) => [d, k]));
  kept.sort((a, b) => rank.get(a)! - rank.get(b)!);
  return { kept, suppressed };
}

/** "refrigerator 62 % (overlaps oven 65 %)" for a message. */
export function describeSuppressed(s: Suppressed<Scored>[]): string {
  const pct = (x?: number) => (x === undefined ? '' : ` ${Math.round(x * 100)} %`);
  return s.map((x) => `${x.item.category}${pct(x.item.score)} (overlaps ${x.by.category}${pct(x.by.score)})`).join(', ');
}
