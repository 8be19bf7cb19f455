// The fix form's diff (app/review/fix): what the reviewer typed against the original, and an edited
// 3D box deriving the answer again, checked on the living-room scene whose distances are worked by hand.
import { describe, expect, it } from 'vitest';
import { livingRoom } from '../../test/qaScenes';
import { makeItem } from '../../domain/qa/generate/recompute';
import type { QAItem } from '../../domain/qa/types';
import { fixEdits, saveFix } from './fix';

const room = livingRoom();
const distance = (): QAItem => {
  const r = makeItem(room, 'distance_prediction_oo', 'fill', { objects: ['sofa', 'table'] });
  if (typeof r === 'string') throw new Error(r);
  return r;
};
const tableBox = () => room.objects.find((o) => o.id === 'table')!.box3d!;

describe('the fix form’s diff', () => {
  it('is empty when nothing changed, and saving then only closes the form', () => {
    const it0 = distance();
    expect(fixEdits(it0, room, { answer: it0.answer, options: [], boxes: {} })).toEqual({});
    expect(saveFix(it0, room, { answer: it0.answer, options: [], boxes: {} })).toEqual({ kind: 'unchanged' });
  });

  it('holds the typed answer against the original', () => {
    const it0 = distance();
    expect(it0.answer).toBe('1.8');
    expect(saveFix(it0, room, { answer: '2.0', options: [], boxes: {} })).toEqual({ kind: 'fix', edits: { answer: ['1.8', '2.0'] } });
  });

  it('takes the answer derived from a moved box, with the box before and after', () => {
    const it0 = distance();
    const after = { ...tableBox(), center: [1.3, 3.0, 0.38] as [number, number, number] };
    // table to (1.3, 3.0, 0.38): √(2.5² + 1² + 0.07²) = 2.694 m from the sofa
    const out = saveFix(it0, room, { answer: it0.answer, options: [], boxes: { table: after } });
    expect(out.kind).toBe('fix');
    if (out.kind !== 'fix') return;
    expect(out.edits.answer).toEqual(['1.8', '2.7']);
    expect(out.edits.boxes).toEqual([{ object: 'table', before: { center: [...tableBox().center], size: [...tableBox().size], yaw: tableBox().yaw }, after: { center: [1.3, 3.0, 0.38], size: [...tableBox().size], yaw: tableBox().yaw } }]);
    // an answer typed by the reviewer wins over the derived one
    const typed = saveFix(it0, room, { answer: '2.5', options: [], boxes: { table: after } });
    expect(typed.kind === 'fix' && typed.edits.answer).toEqual(['1.8', '2.5']);
  });

  it('refuses an answer of the wrong kind, saying why', () => {
    const select: QAItem = { ...distance(), answer: 'B', spatial_lens: { ...distance().spatial_lens, format: 'select', options: ['A. left', 'B. right', 'C. in front', 'D. behind'] } };
    expect(saveFix(select, null, { answer: 'E', options: select.spatial_lens.options!, boxes: {} })).toEqual({ kind: 'refused', message: 'A multiple-choice item’s answer is one of its option letters, A, B, C or D; “E” is not one.' });
    expect(saveFix(select, null, { answer: 'c', options: select.spatial_lens.options!, boxes: {} })).toEqual({ kind: 'fix', edits: { answer: ['B', 'C'] } });
  });
});
