// A fix as the reviewer builds it in the fix form: the answer and options typed, and 3D boxes of the
// item's objects edited (the item then derived again on the edited scene). Saved as a diff against
// the original; a fix of the wrong kind is refused before anything is stored.
import { own } from '../../domain/dict';
import type { Box3D, SceneFile } from '../../domain/scene/scene';
import { type Recomputed, recompute } from '../../domain/qa/generate/recompute';
import type { QAItem } from '../../domain/qa/types';
import { checkFix } from '../../domain/review/fixCheck';
import type { BoxEdit, Edits } from '../../domain/review/types';

export interface FixDraft {
  answer: string;
  options: string[];
  /** Edited boxes by object id. */
  boxes: Record<string, Box3D>;
}

/** The item derived again on the scene with the edited boxes (null: no box edited, or no scene). */
export function derivedWithBoxes(item: QAItem, scene: SceneFile | null, boxes: Record<string, Box3D>): Recomputed | null {
  if (!scene || !Object.keys(boxes).length) return null;
  const edited: SceneFile = { ...scene, objects: scene.objects.map((o) => (own(boxes, o.id) ? { ...o, box3d: boxes[o.id], source: 'edited' as const } : o)) };
  return recompute(item, edited);
}

/**
 * The diff the draft makes to the item. An answer or options left as they were take the ones
 * derived from the edited boxes (when the derivation is valid); what the reviewer typed wins.
 */
export function fixEdits(item: QAItem, scene: SceneFile | null, draft: FixDraft, derived: Recomputed | null = derivedWithBoxes(item, scene, draft.boxes)): Edits {
  const edits: Edits = {};
  const valid = derived && derived.status !== 'invalid' ? derived : null;
  const finalAnswer = valid && draft.answer === item.answer ? valid.item.answer : draft.answer;
  if (finalAnswer !== item.answer) edits.answer = [item.answer, finalAnswer];
  const origOpts = item.spatial_lens.options ?? [];
  const newOpts = valid && JSON.stringify(draft.options) === JSON.stringify(origOpts) ? (valid.item.spatial_lens.options ?? origOpts) : draft.options;
  if (JSON.stringify(newOpts) !== JSON.stringify(origOpts)) edits.options = [origOpts, newOpts];
  const boxEdits: BoxEdit[] = Object.entries(draft.boxes).map(([object, after]) => {
    const before = scene!.objects.find((o) => o.id === object)!.box3d!;
    return { object, before: { center: [...before.center], size: [...before.size], yaw: before.yaw }, after: { center: [...after.center], size: [...after.size], yaw: after.yaw } };
  });
  if (boxEdits.length) edits.boxes = boxEdits;
  return edits;
}

/** What saving the draft does: nothing changed (close the form), refused (say why), or a fix to decide with. */
export type FixOutcome = { kind: 'unchanged' } | { kind: 'refused'; message: string } | { kind: 'fix'; edits: Edits };

export function saveFix(item: QAItem, scene: SceneFile | null, draft: FixDraft, derived?: Recomputed | null): FixOutcome {
  const edits = fixEdits(item, scene, draft, derived === undefined ? derivedWithBoxes(item, scene, draft.boxes) : derived);
  if (!Object.keys(edits).length) return { kind: 'unchanged' };
  const checked = checkFix(item, edits);
  return checked.ok ? { kind: 'fix', edits: checked.edits } : { kind: 'refused', message: checked.message };
}
