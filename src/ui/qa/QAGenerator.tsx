import type { QAFormat } from '../../domain/qa/types';
import { ALL_TASK_IDS, TASK_GROUPS, emptyTaskReasons, qaStore, useObjects, useQA, useScene } from '../../store';
import { NumberField } from '../panels/NumberField';

const FORMATS: { id: QAFormat; label: string }[] = [
  { id: 'fill', label: 'fill' },
  { id: 'select', label: 'multiple choice' },
  { id: 'sentence', label: 'sentence' },
  { id: 'judge', label: 'true / false' },
];

const NEEDS: Record<string, string> = { points: 'needs the point cloud', orientation: 'needs a known facing', views: 'needs posed views' };

/** What to generate: tasks by family and level, formats, how many, the seed; then the report. */
export function QAGenerator() {
  const hasScene = useScene((s) => !!s.scene);
  const boxes = useObjects((o) => o.objects.filter((x) => x.box3d).length);
  const { tasks, formats, perScene, seed, busy, report } = useQA((q) => q);
  const st = qaStore.getState();
  const setGroup = (ids: string[], on: boolean) => st.setTasks(on ? [...new Set([...tasks, ...ids])] : tasks.filter((t) => !ids.includes(t)));
  return (
    <>
      <section className="panel" data-testid="qa-generator">
        <div className="panel-title">Generate questions</div>
        <div className="row">
          <span className="muted small">{hasScene ? `${boxes} object${boxes === 1 ? '' : 's'} with a 3D box in this scene` : 'Open a photo first.'}</span>
          <span className="spacer" />
          <button className="small" onClick={() => st.setTasks(ALL_TASK_IDS)} data-testid="qa-all">
            all
          </button>
          <button className="small" onClick={() => st.setTasks([])} data-testid="qa-none">
            none
          </button>
        </div>
        {TASK_GROUPS.map((g) => {
          const ids = g.tasks.map((t) => t.id);
          const all = ids.every((id) => tasks.includes(id));
          return (
            <fieldset key={g.name} className="qa-group">
              <legend>
                <label className="inline">
                  <input type="checkbox" checked={all} onChange={() => setGroup(ids, !all)} data-testid={`qa-group-${g.name}`} />
                  {g.name}
                </label>
              </legend>
              {g.tasks.map((t) => (
                <label key={t.id} className="qa-task-choice" title={t.id}>
                  <input type="checkbox" checked={tasks.includes(t.id)} onChange={() => st.toggleTask(t.id)} data-testid={`qa-task-${t.id}`} />
                  <span>
                    {t.title}
                    {t.needs && <span className="muted small"> ({NEEDS[t.needs]})</span>}
                  </span>
                </label>
              ))}
            </fieldset>
          );
        })}
        <div className="row">
          {FORMATS.map((f) => (
            <label key={f.id} className="inline small">
              <input type="checkbox" checked={formats.includes(f.id)} onChange={() => st.toggleFormat(f.id)} data-testid={`qa-format-${f.id}`} />
              {f.label}
            </label>
          ))}
        </div>
        <div className="grid2">
          <NumberField label="Questions per scene" value={perScene} step={10} digits={0} onCommit={(v) => st.setPerScene(v)} testId="qa-count" />
          <NumberField label="Seed" value={seed} step={1} digits={0} onCommit={(v) => st.setSeed(v)} testId="qa-seed" />
        </div>
        <button className="primary" onClick={() => void st.generate()} disabled={!hasScene || !!busy} data-testid="qa-generate">
          {busy ?? 'Generate'}
        </button>
        <div className="muted small">The same scene, objects and seed give the same questions. Generating again replaces this scene’s generated questions.</div>
      </section>
      {report && <QAReport />}
    </>
  );
}

function QAReport() {
  const report = useQA((q) => q.report)!;
  const rows = Object.entries(report.tasks).filter(([, r]) => r.items || Object.keys(r.skipped).length);
  const scene = report.scenes[0];
  const empty = emptyTaskReasons(report);
  return (
    <section className="panel" data-testid="qa-report">
      <div className="panel-title">
        Last generation <span className="muted">{report.items} questions · {report.ms.toFixed(0)} ms</span>
      </div>
      <table className="qa-report">
        <thead>
          <tr>
            <th>task</th>
            <th>items</th>
            <th title="Select items by correct letter">A/B/C/D</th>
            <th title="Judge items">T/F</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([task, r]) => {
            const skipped = Object.entries(r.skipped).sort((a, b) => b[1] - a[1]);
            return (
              <tr key={task} title={skipped.length ? `skipped: ${skipped.map(([k, n]) => `${k} ×${n}`).join('; ')}` : undefined}>
                <td>{task}</td>
                <td>{r.items}</td>
                <td>{['A', 'B', 'C', 'D'].map((l) => r.letters[l] ?? 0).join('/')}</td>
                <td>{r.truths.True + r.truths.False ? `${r.truths.True}/${r.truths.False}` : '–'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {scene && (scene.notes.length > 0 || scene.excluded.length > 0 || empty.length > 0) && (
        <ul className="qa-notes small">
          {empty.map((e) => (
            <li key={e.task} data-testid="qa-empty-task">
              {e.task}: no item, {e.skipped} candidate{e.skipped > 1 ? 's' : ''} skipped, most because {e.reason} (×{e.count})
            </li>
          ))}
          {scene.excluded.map((e) => (
            <li key={e.id}>
              object {e.id} ({e.category}) not used: {e.reason}
            </li>
          ))}
          {scene.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
