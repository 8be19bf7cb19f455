import { memo, useMemo, useState } from 'react';
import type { QAFormat } from '../../domain/qa/types';
import type { QueueFilter, SortKey } from '../../domain/review/queue';
import { type ItemFlag, REASONS, type Reason, STATUSES, type Status } from '../../domain/review/types';
import { reviewStore, useReview } from '../../store';
import { StatusBadge } from './ReviewItem';
import { RiskControls, RiskTag } from './RiskControls';

const FLAGS: ItemFlag[] = ['missing-image', 'html-in-text', 'multi-view', 'duplicate-id', 'no-scene', 'modified-after-export', 'mark-outside', 'inverted-box', 'oversized'];
const FORMATS: QAFormat[] = ['fill', 'select', 'sentence', 'judge'];
/** Rows drawn around the current one: the list is a window onto up to 100k items. */
const WINDOW = 150;

const one = <T,>(v: string): T[] | undefined => (v ? [v as T] : undefined);

/** The queue: filters with counts, sort, saved views, samples, and a window of the listed items. */
export function ReviewQueue() {
  const rows = useReview((r) => r.rows);
  const listed = useReview((r) => r.listed);
  const counts = useReview((r) => r.counts);
  const filter = useReview((r) => r.filter);
  const sort = useReview((r) => r.sort);
  const views = useReview((r) => r.views);
  const currentId = useReview((r) => r.current?.row.id);
  const filterMs = useReview((r) => r.filterMs);
  const mine = useReview((r) => r.mine);
  const searching = useReview((r) => r.searching);
  useReview((r) => r.version);
  const s = reviewStore.getState();
  const tasks = useMemo(() => [...new Set(rows.map((r) => r.task))].sort(), [rows]);
  const sources = useMemo(() => [...new Set(rows.map((r) => r.source))].sort(), [rows]);
  const at = listed.findIndex((r) => r.id === currentId);
  const start = Math.max(0, Math.min(at - 20, listed.length - WINDOW));
  const shown = listed.slice(start, start + WINDOW);
  const set = (patch: Partial<QueueFilter>) => s.setFilter(patch);
  const [viewName, setViewName] = useState('');
  return (
    <div className="review-queue" data-testid="review-queue">
      <div className="counts" data-testid="queue-counts">
        <strong>{counts?.total ?? 0}</strong> of {rows.length} items
        {STATUSES.map((st) => (
          <button key={st} className={`chip ${filter.statuses?.includes(st) ? 'on' : ''}`} onClick={() => set({ statuses: filter.statuses?.includes(st) ? filter.statuses.filter((x) => x !== st) : [...(filter.statuses ?? []), st] })} data-testid={`count-${st}`}>
            <StatusBadge status={st} /> {counts?.byStatus[st] ?? 0}
          </button>
        ))}
      </div>
      <div className="filters">
        <select value={filter.tasks?.[0] ?? ''} onChange={(e) => set({ tasks: one<string>(e.target.value) })} aria-label="Task" data-testid="filter-task">
          <option value="">All tasks ({tasks.length})</option>
          {tasks.map((t) => (
            <option key={t} value={t}>
              {t} ({counts?.byTask.get(t) ?? 0})
            </option>
          ))}
        </select>
        <select value={filter.formats?.[0] ?? ''} onChange={(e) => set({ formats: one<QAFormat>(e.target.value) })} aria-label="Format">
          <option value="">All formats</option>
          {FORMATS.map((f) => (
            <option key={f}>{f}</option>
          ))}
        </select>
        <select value={filter.reasons?.[0] ?? ''} onChange={(e) => set({ reasons: one<Reason>(e.target.value) })} aria-label="Reason">
          <option value="">Any reason</option>
          {REASONS.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
        <select value={filter.flags?.[0] ?? ''} onChange={(e) => set({ flags: one<ItemFlag>(e.target.value) })} aria-label="Flag" data-testid="filter-flag">
          <option value="">Any flags</option>
          {FLAGS.map((f) => (
            <option key={f}>{f}</option>
          ))}
        </select>
        <select value={filter.sources?.[0] ?? ''} onChange={(e) => set({ sources: one<string>(e.target.value) })} aria-label="Source file">
          <option value="">All sources ({sources.length})</option>
          {sources.map((f) => (
            <option key={f}>{f}</option>
          ))}
        </select>
        <input placeholder="Reviewer" value={filter.reviewers?.[0] ?? ''} onChange={(e) => set({ reviewers: one<string>(e.target.value.trim()) })} aria-label="Decided by" />
        <input placeholder="Search question, options, answer, id" value={filter.text ?? ''} onChange={(e) => set({ text: e.target.value || undefined })} aria-label="Search" data-testid="filter-text" />
        <select value={`${sort.key}:${sort.dir ?? 'asc'}`} onChange={(e) => { const [key, dir] = e.target.value.split(':'); s.setSort({ key: key as SortKey, dir: dir as 'asc' | 'desc' }); }} aria-label="Sort">
          <option value="seq:asc">Queue order</option>
          <option value="task:asc">Task</option>
          <option value="status:asc">Status</option>
          <option value="decidedAt:desc">Latest decided</option>
          <option value="risk:desc">Risk (mismatches first)</option>
        </select>
        <RiskControls />
        <label className="small">
          <input type="checkbox" checked={mine} onChange={(e) => s.setMine(e.target.checked)} /> assigned to me
        </label>
        {filter.ids && (
          <button className="chip on" onClick={() => set({ ids: undefined })} title="Leave the sample">
            sample of {filter.ids.length} ✕
          </button>
        )}
        <button onClick={() => { reviewStore.setState({ filter: {} }); s.setFilter({}); }}>Clear filters</button>
        <span className="muted small">{filterMs.toFixed(0)} ms</span>
        {searching && <span className="muted small" data-testid="searching">reading the question texts…</span>}
      </div>
      <div className="views row">
        <select value="" onChange={(e) => { const v = views.find((x) => x.name === e.target.value); if (v) s.applyView(v); }} aria-label="Saved views" data-testid="saved-views">
          <option value="">Saved views ({views.length})</option>
          {views.map((v) => (
            <option key={v.name}>{v.name}</option>
          ))}
        </select>
        <input placeholder="View name" value={viewName} onChange={(e) => setViewName(e.target.value)} />
        <button onClick={() => void s.saveCurrentView(viewName).then(() => setViewName(''))}>Save view</button>
      </div>
      <ol className="review-rows" start={start + 1} data-testid="review-rows">
        {shown.map((r) => (
          <ReviewRow key={r.id} id={r.id} task={r.task} format={r.format} selected={r.id === currentId} status={s.statusOf(r.id)} oversized={r.flags.includes('oversized')} q={r.q} />
        ))}
      </ol>
      {listed.length > shown.length && <div className="muted small">showing {start + 1}–{start + shown.length} of {listed.length}; J/K moves through all of them</div>}
    </div>
  );
}

// memoised: moving to the next item re-draws two rows, not the window of 150
const ReviewRow = memo(function ReviewRow({ id, task, format, selected, status, oversized, q }: { id: string; task: string; format: string; selected: boolean; status: Status; oversized?: boolean; q?: string }) {
  return (
    <li className={selected ? 'selected' : ''} onClick={() => void reviewStore.getState().show(id)} data-status={status}>
      <StatusBadge status={status} /> <RiskTag id={id} /> <span className="qa-task">{task}</span> <span className={`tag fmt-${format}`}>{format}</span> {oversized && <span className="tag flag-oversized" title="Its question, answer or an option is over 10,000 characters: shown cut">oversized</span>} <span className="muted small">{id}</span>
      {q && (
        <span className="row-question small" title={q} data-testid="row-question">
          {q}
        </span>
      )}
    </li>
  );
});
