import { useEffect, useState } from 'react';

/** A numeric input that commits on Enter or blur, keeping what was typed while it is edited. */
export function NumberField({ label, value, step, digits = 3, onCommit, testId }: { label: string; value: number; step: number; digits?: number; onCommit: (v: number) => void; testId?: string }) {
  const [text, setText] = useState(value.toFixed(digits));
  useEffect(() => setText(value.toFixed(digits)), [value, digits]);
  const commit = () => {
    const v = Number(text);
    if (Number.isFinite(v) && text.trim() !== '' && v !== value) onCommit(v);
    else setText(value.toFixed(digits));
  };
  return (
    <label className="field">
      <span>{label}</span>
      <input type="number" step={step} value={text} onChange={(e) => setText(e.target.value)} onBlur={commit} onKeyDown={(e) => e.key === 'Enter' && commit()} data-testid={testId} />
    </label>
  );
}
