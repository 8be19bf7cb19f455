import { useQA } from '../../store';

/** The selected question in full: options with the right one marked, answer, quantities used. */
export function QAItemDetail() {
  const item = useQA((q) => q.items.find((i) => i.id === q.selectedId));
  if (!item) return <div className="qa-detail muted small">Select a question to see it here with its marks on the photo.</div>;
  const sl = item.spatial_lens;
  const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toPrecision(4).replace(/\.?0+$/, ''));
  const value = Array.isArray(sl.value) ? `(${sl.value.map(num).join(', ')})` : typeof sl.value === 'number' ? num(sl.value) : String(sl.value);
  return (
    <div className="qa-detail" data-testid="qa-detail">
      <div className="qa-row-head">
        <span className="qa-task">{item.task}</span>
        <span className={`tag fmt-${sl.format}`}>{sl.format}</span>
      </div>
      <p className="qa-question" data-testid="qa-question">
        {item.question}
      </p>
      {sl.options && (
        <ol className="qa-options">
          {sl.options.map((o) => (
            <li key={o} className={o.startsWith(`${item.answer}.`) ? 'correct' : ''}>
              {o}
            </li>
          ))}
        </ol>
      )}
      <div className="qa-answer" data-testid="qa-answer">
        <span className="muted">Answer</span> <strong>{item.answer}</strong>
      </div>
      <div className="muted small">
        value {value}
        {sl.unit ? ` ${sl.unit}` : ''} · objects {sl.objects.join(', ') || '–'} · {item.id}
      </div>
      <details>
        <summary className="small">Evidence (the quantities used)</summary>
        <pre className="qa-evidence">{JSON.stringify(sl.evidence, null, 1)}</pre>
      </details>
    </div>
  );
}
