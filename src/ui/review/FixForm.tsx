import { useEffect, useMemo, useState } from 'react';
import { own } from '../../domain/dict';
import type { Box3D } from '../../domain/scene/scene';
import { answerShape, shapeHint } from '../../domain/review/answerShape';
import { derivedWithBoxes, saveFix } from '../../app/review/fix';
import { reviewKeys, reviewStore, useReview } from '../../store';

const AXES = ['x', 'y', 'z'] as const;
const DIMS = ['length', 'width', 'height'] as const;

/**
 * Fixing an item: edit the answer or the options directly, or edit a 3D box of an object the item
 * names and take the answer recomputed from the scene. Saved as a diff against the original.
 */
export function FixForm() {
  const cur = useReview((r) => r.current)!;
  const item = cur.stored.item;
  const [answer, setAnswer] = useState(item.answer);
  const [options, setOptions] = useState<string[]>(item.spatial_lens.options ?? []);
  const [boxes, setBoxes] = useState<Record<string, Box3D>>({});
  // why the last try to save was refused (nothing was stored)
  const [refusal, setRefusal] = useState<string | null>(null);
  const hint = useMemo(() => shapeHint(answerShape(item)), [item]);
  const editable = useMemo(() => (cur.scene ? item.spatial_lens.objects.map((id) => cur.scene!.objects.find((o) => o.id === id)).filter((o) => o?.box3d) : []), [cur.scene, item]);

  // a box edit derives the item again on the edited scene
  const derived = useMemo(() => derivedWithBoxes(item, cur.scene, boxes), [boxes, cur.scene, item]);

  const setBox = (id: string, b: Box3D) => {
    const next = { ...boxes, [id]: b };
    setBoxes(next);
    reviewStore.getState().setPreviewBoxes(next);
  };
  // the 3D view draws the edited boxes while the form is open
  useEffect(() => () => reviewStore.getState().setPreviewBoxes(null), []);
  const save = () => {
    const out = saveFix(item, cur.scene, { answer, options, boxes }, derived);
    if (out.kind === 'unchanged') return reviewStore.getState().setPending(null);
    if (out.kind === 'refused') return setRefusal(out.message);
    reviewKeys.act({ type: 'decide', verdict: 'fix', edits: out.edits }, 'Save fix');
  };

  return (
    <form
      className="fix-form"
      data-testid="fix-form"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
      onKeyDown={(e) => e.key === 'Escape' && reviewStore.getState().setPending(null)}
    >
      <label>
        Answer
        <input autoFocus value={answer} onChange={(e) => (setAnswer(e.target.value), setRefusal(null))} data-testid="fix-answer" />
      </label>
      <div className="muted small" data-testid="fix-hint">
        The answer: {hint}.
      </div>
      {refusal && (
        <div className="message error fix-refused" role="alert" data-testid="fix-refused">
          <span>Not saved: {refusal}</span>
        </div>
      )}
      {options.map((o, i) => (
        <label key={i}>
          Option {String.fromCharCode(65 + i)}
          <input value={o} onChange={(e) => (setOptions(options.map((x, k) => (k === i ? e.target.value : x))), setRefusal(null))} data-testid={`fix-option-${i}`} />
        </label>
      ))}
      {editable.map((o) => {
        const b = own(boxes, o!.id) ?? o!.box3d!;
        const num = (v: number, on: (x: number) => void, step = 0.01) => <input type="number" step={step} value={Number(v.toFixed(3))} onChange={(e) => Number.isFinite(e.target.valueAsNumber) && on(e.target.valueAsNumber)} />;
        return (
          <fieldset key={o!.id} className="box-edit">
            <legend>
              3D box of {o!.category} ({o!.id})
            </legend>
            {AXES.map((a, i) => (
              <label key={a}>
                {a}
                {num(b.center[i], (x) => setBox(o!.id, { ...b, center: b.center.map((c, k) => (k === i ? x : c)) as Box3D['center'] }))}
              </label>
            ))}
            {DIMS.map((d, i) => (
              <label key={d}>
                {d}
                {num(b.size[i], (x) => setBox(o!.id, { ...b, size: b.size.map((c, k) => (k === i ? Math.max(0.001, x) : c)) as Box3D['size'] }))}
              </label>
            ))}
            <label>
              yaw°{num((b.yaw * 180) / Math.PI, (x) => setBox(o!.id, { ...b, yaw: (x * Math.PI) / 180 }), 1)}
            </label>
          </fieldset>
        );
      })}
      {derived && (
        <div className={`recomputed ${derived.status === 'invalid' ? 'mismatch' : ''}`} data-testid="fix-recomputed">
          {derived.status === 'invalid' ? `With the edited box the item is invalid: ${derived.reason}. Reject it instead, or edit the answer by hand.` : `With the edited box the answer is ${derived.item.answer}${derived.status === 'changed' ? ` (${derived.changes.join(', ')} changed)` : ' (unchanged)'}.`}
        </div>
      )}
      <div className="row">
        <button type="submit" className="fix" data-testid="fix-save">
          Save fix (Enter)
        </button>
        <button type="button" onClick={() => reviewStore.getState().setPending(null)}>
          Cancel (Esc)
        </button>
      </div>
    </form>
  );
}
