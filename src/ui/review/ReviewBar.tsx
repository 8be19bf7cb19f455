import { useRef, useState } from 'react';
import { reviewStore, useReview } from '../../store';
import { NewProjectDialog } from './NewProjectDialog';
import { ExportDialog } from './ExportDialog';

const mb = (b: number | null) => (b === null ? '?' : b > 1e9 ? `${(b / 1e9).toFixed(1)} GB` : `${(b / 1e6).toFixed(1)} MB`);

/** Project, reviewer, import / export / backup / restore, and what the browser keeps for us. */
export function ReviewBar() {
  const project = useReview((r) => r.project);
  const projects = useReview((r) => r.projects);
  const reviewer = useReview((r) => r.reviewer);
  const storage = useReview((r) => r.storage);
  const busy = useReview((r) => r.busy);
  const blind = useReview((r) => r.blind);
  const files = useRef<HTMLInputElement>(null);
  const folder = useRef<HTMLInputElement>(null);
  const backup = useRef<HTMLInputElement>(null);
  const [name, setName] = useState(reviewer);
  const [naming, setNaming] = useState(false);
  const s = reviewStore.getState();
  const pick = (list: FileList | null) => list && void s.importFiles([...list].map((f) => ({ path: f.webkitRelativePath || f.name, blob: f })));
  return (
    <div className="review-bar" data-testid="review-bar">
      {naming && (
        <NewProjectDialog
          names={projects.map((p) => p.name)}
          cancel={() => setNaming(false)}
          create={(n) => {
            setNaming(false);
            void s.newProject(n);
          }}
        />
      )}
      <div className="row">
        <select
          value={project}
          onChange={(e) => (e.target.value === '+' ? setNaming(true) : void s.open(e.target.value))}
          aria-label="Project"
          data-testid="project-select"
        >
          {projects.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
          <option value="+">New project…</option>
        </select>
        <label className="small">
          Reviewer{' '}
          <input value={name} size={10} onChange={(e) => setName(e.target.value)} onBlur={() => s.setReviewer(name)} onKeyDown={(e) => e.key === 'Enter' && s.setReviewer(name)} data-testid="reviewer-name" />
        </label>
        <label className="small" title="Blind review (this project): each item's answer and correct option stay hidden until you have given your own answer; it is stored with your decision and compared with the key">
          <input type="checkbox" checked={blind} onChange={(e) => void s.setBlind(e.target.checked)} data-testid="blind-toggle" /> blind review
        </label>
      </div>
      <div className="row">
        <input ref={files} type="file" multiple hidden accept=".jsonl,.json,.parquet,.zip,image/*" onChange={(e) => { pick(e.target.files); e.target.value = ''; }} data-testid="review-file-input" />
        <input ref={folder} type="file" hidden {...{ webkitdirectory: "" }} data-testid="review-folder-input" onChange={(e) => { pick(e.target.files); e.target.value = ''; }} />
        <input ref={backup} type="file" hidden accept=".zip" onChange={(e) => { const f = e.target.files?.[0]; if (f) void s.restore(f); e.target.value = ''; }} data-testid="restore-input" />
        <button onClick={() => files.current?.click()} disabled={!!busy}>
          Import files…
        </button>
        <button onClick={() => folder.current?.click()} disabled={!!busy}>
          Import folder…
        </button>
        <button onClick={() => s.setExportDialog(true)} disabled={!!busy} data-testid="review-export" title="Choose the items (by status and task), the layout, images and marked photos; a zip with a manifest and a CSV">
          Export reviewed…
        </button>
        <ExportDialog />
        <button onClick={() => void s.backup()} disabled={!!busy} data-testid="review-backup">
          Backup
        </button>
        <button onClick={() => backup.current?.click()} disabled={!!busy}>
          Restore…
        </button>
      </div>
      <div className="muted small" data-testid="storage-status">
        Storage: {mb(storage.usage)} of {mb(storage.quota)} used · {storage.persisted ? 'persistent (the browser will not evict it)' : storage.persisted === false ? 'not persistent (the browser may evict it under pressure; export a backup)' : 'persistence unknown'}
      </div>
      {busy && (
        <div className="review-progress" data-testid="review-progress">
          {busy.label} {busy.total > 1 ? `${busy.done.toLocaleString()} / ${busy.total.toLocaleString()}` : '…'}
          <progress value={busy.done} max={Math.max(1, busy.total)} />
        </div>
      )}
    </div>
  );
}
