// What the pixel audit needs of an imported item's k-th image besides its pixels: where its depth
// map is stored and what its camera is (SPAR-Bench-RGBD columns, or SPAR-7M's depth reference).
import { depthPathFor } from '../../review/depthRef';
import { type ImageCamera, imageCamera } from '../../review/import/rgbdColumns';
import type { QAItem } from '../types';
import { MEASURED_TASKS, marksNamed } from './measureItem';

/** Whether an item is worth decoding images for: its question names marks. */
export const hasNamedMarks = (item: QAItem): boolean => marksNamed(item.question).length > 0;

/** Whether the task is one whose quantity is measured from depth. */
export const isMeasuredTask = (task: string): boolean => MEASURED_TASKS.includes(task.replace(/_mv$/, ''));

export interface PixelSources {
  depthPath: string | null;
  camera: ImageCamera;
}

export function pixelSources(item: QAItem, k: number, storedImagePath: string): PixelSources {
  return { depthPath: depthPathFor(item, k, storedImagePath), camera: imageCamera(item as unknown as Record<string, unknown>, k) };
}
