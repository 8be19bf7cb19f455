import { useState } from 'react';

/**
 * A numeric input that commits on Enter or blur. What was typed is shown while it is edited and
 * until the value it was typed over changes (a commit may take a re-lift to arrive); otherwise the
 * value itself is shown, read in the same render as the rest of the panel, never a render behind.
 */
export function NumberField({ label, value, step, digits = 3, onCommit, testId }: { label: string; value: number; step: number; digits?: number; onCommit: (v: number) => void; testId?: string }) {
  const [draft, setDraft] = useState<{ text: string; over: number } | null>(null);
  // The value moved on (a commit landed, an undo, a new scene): the draft is spent. Set during render,
  // React's pattern for state that follows a prop, so no stale frame is ever painted.
  if (draft !== null && draft.over !== value) setDraft(null);
  const editing = draft !== null && draft.over === value;
  const commit = () => {
    if (!editing) return;
    const v = Number(draft.text);
    if (Number.isFinite(v) && draft.text.trim() !== '' && v !== value) onCommit(v);
    else setDraft(null);
  };
  return (
    <label className="field">
      <span>{label}</span>
      <input type="number" step={step} value={editing ? draft.text : value.toFixed(digits)} onChange={(e) => setDraft({ text: e.target.value, over: value })} onBlur={commit} onKeyDown={(e) => e.key === 'Enter' && commit()} data-testid={testId} />
    </label>
  );
}
