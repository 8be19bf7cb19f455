// Marks found in the pixels of the item under review (a published item whose marks are drawn into
// its photos, not stored as coordinates), as the last measurement reported them: what the search
// found (the handles the reviewer corrects start there), and the marks measured (the reviewer's in
// place of found ones), which the 3D evidence places like stored marks.
import type { MarkFoundReport, PixelAudit } from '../../domain/qa/audit/measureItem';
import type { Mark } from '../../domain/qa/types';
import type { LocatedMark } from '../../domain/review/markCorrections';

export interface FoundMarks {
  /** The item they were found for. */
  itemId: string | null;
  /** What the search found, every candidate (before any correction). */
  found: LocatedMark[];
  /** The marks measured, one per colour and kind (a colour found twice and not chosen is left out: it is not known which). */
  marks: Mark[];
}

export const NO_FOUND_MARKS: FoundMarks = { itemId: null, found: [], marks: [] };

const located = (f: MarkFoundReport): LocatedMark => ({ color: f.color, kind: f.kind, image: f.image, ...(f.uv ? { uv: f.uv } : {}), ...(f.box ? { box: f.box } : {}) });

/** The found marks of a measurement, and the marks it measured with. */
export function foundMarksOf(itemId: string, audit: Pick<PixelAudit, 'marks_found' | 'replaced'>): FoundMarks {
  const all = audit.marks_found;
  const once = all.filter((f) => all.filter((g) => g.color === f.color && g.kind === f.kind).length === 1);
  return {
    itemId,
    found: [...all.filter((f) => !f.source), ...(audit.replaced ?? [])].map(located),
    marks: once.map((f) => ({ kind: f.kind, color: f.color, image: f.image, ...(f.uv ? { uv: f.uv } : {}), ...(f.box ? { box: f.box } : {}) })),
  };
}
