// Marks found in the pixels of the item under review (a published item whose marks are drawn into
// its photos, not stored as coordinates): the 3D evidence places them like stored marks.
import { createStore } from 'zustand/vanilla';
import type { Mark } from '../domain/qa/types';

export interface FoundMarksState {
  /** The item they were found for, and the marks (one per named colour). */
  itemId: string | null;
  marks: Mark[];
}

export const foundMarksStore = createStore<FoundMarksState>(() => ({ itemId: null, marks: [] }));

/** The found marks as stored marks, one per colour and kind (a colour found twice is left out: it is not known which). */
export function setFoundMarks(itemId: string, found: readonly { color: Mark['color']; kind: Mark['kind']; uv?: [number, number]; box?: [number, number, number, number]; image: number }[]): void {
  const once = found.filter((f) => found.filter((g) => g.color === f.color && g.kind === f.kind).length === 1);
  foundMarksStore.setState({ itemId, marks: once.map((f) => ({ kind: f.kind, color: f.color, image: f.image, ...(f.uv ? { uv: f.uv } : {}), ...(f.box ? { box: f.box } : {}) })) });
}
