import { useMemo, useState } from 'react';
import { histogram } from '../../domain/objects/histogram';
import { categoryColour } from '../../domain/objects/colours';
import { SIZE_PRIORS } from '../../domain/objects/sizes';
import type { ObjectSummary } from '../../store';
import { projectStore, useProject } from '../../store';
import { SizeChart } from './SizeChart';
import { useEscape } from '../escapeStack';

/** The project's scenes, and object sizes per category over all of them (the Lifting paper's Fig. 4 (docs/references.md) check). */
export function ProjectPanel() {
  const { open, tab, scenes, objects } = useProject((p) => p);
  const p = projectStore.getState();
  useEscape(open, () => projectStore.getState().setOpen(false));
  if (!open) return null;
  return (
    <div className="dialog-backdrop" onClick={() => p.setOpen(false)}>
      <div className="dialog" onClick={(e) => e.stopPropagation()} data-testid="project-panel">
        <div className="dialog-head">
          <div className="segmented">
            <button className={tab === 'scenes' ? 'on' : ''} onClick={() => p.setOpen(true, 'scenes')}>
              Scenes ({scenes.length})
            </button>
            <button className={tab === 'sizes' ? 'on' : ''} onClick={() => p.setOpen(true, 'sizes')} data-testid="tab-sizes">
              Sizes ({objects.length} objects)
            </button>
          </div>
          <span className="spacer" />
          <button className="link" onClick={() => p.setOpen(false)} aria-label="Close">
            ×
          </button>
        </div>
        {tab === 'scenes' ? <Scenes /> : <Sizes objects={objects} />}
      </div>
    </div>
  );
}

function Scenes() {
  const scenes = useProject((p) => p.scenes);
  if (!scenes.length) return <p className="muted">No scene yet: every photo you lift (or import annotations for) is kept here.</p>;
  return (
    <table className="scenes" data-testid="scenes-table">
      <thead>
        <tr>
          <th>Photo</th>
          <th>Objects</th>
          <th>Depth</th>
          <th>Updated</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {scenes.map((s) => (
          <tr key={s.id}>
            <td>{s.id}</td>
            <td>{s.objects || (s.annotations ? `${s.annotations} annotated` : '—')}</td>
            <td>{s.hasDepth ? `depth map${s.depthScale ? `, ${s.depthScale} per metre` : ''}` : 'model'}</td>
            <td className="muted">{new Date(s.updatedAt).toLocaleString()}</td>
            <td>
              <button className="small" onClick={() => void projectStore.getState().openScene(s.id)} data-testid={`open-${s.id}`}>
                open
              </button>{' '}
              <button className="small" onClick={() => void projectStore.getState().remove(s.id)}>
                forget
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Sizes({ objects }: { objects: ObjectSummary[] }) {
  const [picked, setPicked] = useState<{ category: string; dim: 'height' | 'width'; bin: number } | null>(null);
  const byCategory = useMemo(() => {
    const m = new Map<string, ObjectSummary[]>();
    for (const o of objects) m.set(o.category, [...(m.get(o.category) ?? []), o]);
    return [...m].sort((a, b) => b[1].length - a[1].length);
  }, [objects]);
  if (!objects.length) return <p className="muted">No lifted object yet.</p>;
  return (
    <div className="sizes">
      {byCategory.map(([category, list]) => {
        const prior = SIZE_PRIORS[category];
        return (
          <div key={category} className="size-row" data-testid={`sizes-${category}`}>
            <div className="size-head">
              <strong style={{ color: categoryColour(category) }}>{category}</strong> <span className="muted">{list.length} object{list.length > 1 ? 's' : ''}</span>
              {prior && (
                <span className="muted small" title={prior.source}>
                  {' '}
                  plausible: {prior.height ? `height ${prior.height[0]}–${prior.height[1]} m, ` : ''}longest side {prior.largest[0]}–{prior.largest[1]} m
                </span>
              )}
            </div>
            <div className="size-charts">
              {(['height', 'width'] as const).map((dim) => {
                const values = list.map((o) => (dim === 'height' ? o.box.size[2] : Math.max(o.box.size[0], o.box.size[1])));
                const h = histogram(values, Math.min(10, Math.max(3, Math.ceil(Math.sqrt(values.length)))));
                const labels = h.edges.slice(0, -1).map((e, k) => `${e.toFixed(2)}–${h.edges[k + 1].toFixed(2)}`);
                const sel = picked && picked.category === category && picked.dim === dim ? h.members[picked.bin].map((i) => list[i]) : null;
                return (
                  <div key={dim} className="size-chart-box">
                    <div className="muted small">{dim === 'height' ? 'height (m)' : 'width: the longer horizontal side (m)'}</div>
                    <SizeChart labels={labels} counts={h.counts} colour={categoryColour(category)} title={dim} onBar={(bin) => setPicked({ category, dim, bin })} />
                    {sel && (
                      <ul className="bin-objects" data-testid="bin-objects">
                        {sel.map((o) => (
                          <li key={`${o.scene}/${o.id}`}>
                            <button className="link" onClick={() => void projectStore.getState().openScene(o.scene, o.id)}>
                              {o.scene} · {o.category} {o.id}
                            </button>{' '}
                            <span className="muted">
                              {o.box.size.map((x) => x.toFixed(2)).join(' × ')} m{o.plausible ? '' : ' ⚠ implausible'}
                            </span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </div>
                );
              })}
            </div>
          </div>
        );
      })}
    </div>
  );
}
