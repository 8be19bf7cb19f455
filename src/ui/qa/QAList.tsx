import { qaStore, useQA } from '../../store';

/** At most this many rows are drawn; the rest are reached through the task filter. */
const SHOWN = 500;

/** The scene's questions in queue order: task, format, question and answer; click to look at one. */
export function QAList() {
  const items = useQA((q) => q.items);
  const filter = useQA((q) => q.filter);
  const selectedId = useQA((q) => q.selectedId);
  const busy = useQA((q) => q.busy);
  const st = qaStore.getState();
  const tasks = [...new Set(items.map((i) => i.task))];
  const listed = filter ? items.filter((i) => i.task === filter) : items;
  return (
    <section className="qa-list" data-testid="qa-list">
      <div className="viewer-toolbar">
        <strong>{filter ? `${listed.length} of ${items.length}` : items.length}</strong> <span className="muted">question{items.length === 1 ? '' : 's'} for this scene</span>
        <select value={filter ?? ''} onChange={(e) => st.setFilter(e.target.value || null)} data-testid="qa-filter" aria-label="Show one task">
          <option value="">all tasks</option>
          {tasks.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <span className="spacer" />
        <span className="muted small">↑ ↓ or j k to move</span>
        <button onClick={() => void st.exportZip()} disabled={!listed.length || !!busy} data-testid="qa-export">
          Export (JSONL, SPAR-7M, marked photos)
        </button>
      </div>
      {!items.length ? (
        <div className="viewer-empty">No questions yet: choose tasks and formats on the right and press Generate.</div>
      ) : (
        <ol className="qa-rows">
          {listed.slice(0, SHOWN).map((it) => (
            <li key={it.id} className={it.id === selectedId ? 'selected' : ''} onClick={() => st.select(it.id)} data-testid="qa-row" data-id={it.id}>
              <div className="qa-row-head">
                <span className="qa-task">{it.task}</span>
                <span className={`tag fmt-${it.spatial_lens.format}`}>{it.spatial_lens.format}</span>
                <span className="muted small">{it.id.split('/').pop()}</span>
              </div>
              <div className="qa-q">{it.question}</div>
              <div className="qa-a">
                <span className="muted">answer</span> {it.answer}
              </div>
            </li>
          ))}
          {listed.length > SHOWN && <li className="muted">… and {listed.length - SHOWN} more (filter by task to see them)</li>}
        </ol>
      )}
    </section>
  );
}
