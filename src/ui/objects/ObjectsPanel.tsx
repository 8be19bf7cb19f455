import type { Box3D, SceneObject } from '../../domain/scene/scene';
import { categoryColour } from '../../domain/objects/colours';
import { UNNAMED } from '../../domain/objects/categories';
import { resizeKeepingBottom } from '../../domain/objects/boxEdit';
import { isPinned } from '../../domain/objects/annotations';
import { objectsStore, sceneStore, useObjects, useScene } from '../../store';
import { NumberField } from '../panels/NumberField';
import { CategoryInput } from './CategoryInput';

const deg = (r: number) => (r * 180) / Math.PI;

/** The scene's objects: tools, detection, the list with quality flags, and the selected box. */
export function ObjectsPanel() {
  const hasScene = useScene((s) => !!s.scene);
  const { objects, selectedId, tool, drawCategory, detectThreshold, overlapIou, busy, past, future, problems } = useObjects((o) => o);
  const st = objectsStore.getState();
  if (!hasScene) return null;
  const selected = objects.find((o) => o.id === selectedId);
  return (
    <section className="panel" data-testid="objects-panel">
      <div className="panel-title">
        Objects <span className="muted">{objects.length}</span>
        <span className="spacer" />
        <button className="small" onClick={st.undo} disabled={!past.length} title="Undo (Ctrl+Z)" data-testid="undo">
          undo
        </button>
        <button className="small" onClick={st.redo} disabled={!future.length} title="Redo (Ctrl+Shift+Z)" data-testid="redo">
          redo
        </button>
      </div>
      <div className="segmented" role="radiogroup" aria-label="2D tool">
        {(['select', 'box', 'polygon'] as const).map((t) => (
          <button key={t} className={tool === t ? 'on' : ''} onClick={() => st.setTool(t)} data-testid={`tool-${t}`}>
            {t === 'select' ? 'Select' : t === 'box' ? 'Draw box' : 'Draw polygon'}
          </button>
        ))}
      </div>
      {tool !== 'select' && (
        <label className="field">
          <span>Category of new objects</span>
          <CategoryInput value={drawCategory} onCommit={st.setDrawCategory} testId="draw-category" placeholder="type a category (you can name it later)" />
        </label>
      )}
      <div className="row">
        <button onClick={() => void st.detect()} disabled={!!busy} data-testid="detect">
          Detect objects
        </button>
        <label className="inline small">
          score ≥ {detectThreshold.toFixed(2)}
          <input type="range" min={0.05} max={0.95} step={0.05} value={detectThreshold} onChange={(e) => st.setDetectThreshold(Number(e.target.value))} data-testid="detect-threshold" />
        </label>
        <label className="inline small" title="Detections whose boxes overlap a kept one by more than this (intersection over union) are taken as the same object and dropped, whatever their class; applies to the next detection">
          overlap {overlapIou >= 1 ? 'any (off)' : `≤ ${overlapIou.toFixed(2)}`}
          <input type="range" min={0.3} max={1} step={0.05} value={overlapIou} onChange={(e) => st.setOverlapIou(Number(e.target.value))} data-testid="overlap-iou" />
        </label>
      </div>
      {objects.length > 0 && (
        <div className="row">
          <button onClick={() => void st.liftAll()} disabled={!!busy} title="Lift every object again from its 2D annotation (hand-edited boxes stay)">
            Lift again
          </button>
          <button onClick={() => void sceneStore.getState().exportFile('coco')} data-testid="export-coco" title="COCO instances with the 3D box of each annotation">
            Export COCO + 3D
          </button>
        </div>
      )}
      {busy && <div className="muted small">{busy}</div>}
      {problems.length > 0 && (
        <details className="problems">
          <summary>{problems.length} import problem{problems.length > 1 ? 's' : ''}</summary>
          <ul>
            {problems.slice(0, 50).map((p, k) => (
              <li key={k} className={p.severity}>
                {p.where}: {p.message}
              </li>
            ))}
          </ul>
        </details>
      )}
      <ul className="object-list" data-testid="object-list">
        {objects.map((o) => (
          <ObjectRow key={o.id} o={o} selected={o.id === selectedId} />
        ))}
      </ul>
      {selected && <SelectedObject o={selected} />}
    </section>
  );
}

function ObjectRow({ o, selected }: { o: SceneObject; selected: boolean }) {
  const st = objectsStore.getState();
  const q = o.quality as { points?: number; clusterShare?: number; fewPoints?: boolean; plausible?: boolean; sizePrior?: boolean } | undefined;
  const unconfirmed = o.source === 'detected' && !o.accepted;
  return (
    <li className={selected ? 'selected' : ''} onClick={() => st.select(o.id)} data-testid={`object-${o.id}`}>
      <span className="dot" style={{ background: categoryColour(o.category) }} />
      <span className="name">{o.category}</span>
      <span className="tags">
        {unconfirmed && <span className="tag detected">detected {(Number(o.score ?? 0) * 100).toFixed(0)}%</span>}
        {o.source === 'edited' && <span className="tag">edited</span>}
        {o.source === 'annotated' && <span className="tag">given</span>}
        {!o.box3d && <span className="tag warn">no 3D box</span>}
        {q?.fewPoints && o.box3d && <span className="tag warn">few points</span>}
        {q?.plausible === false && <span className="tag warn" title={String(o.note ?? '')}>implausible size</span>}
        {q?.sizePrior === false && o.box3d && (
          <span className="tag" title={`No typical size is known for “${o.category}”: its size is not judged`}>
            size not judged
          </span>
        )}
        {o.category === UNNAMED && <span className="tag warn">name it</span>}
      </span>
      {unconfirmed && (
        <button className="small" onClick={(e) => (e.stopPropagation(), st.accept(o.id))} data-testid={`accept-${o.id}`}>
          accept
        </button>
      )}
      <button className="small" onClick={(e) => (e.stopPropagation(), st.remove(o.id))} title="Delete (Del)" data-testid={`delete-${o.id}`}>
        ×
      </button>
    </li>
  );
}

function SelectedObject({ o }: { o: SceneObject }) {
  const st = objectsStore.getState();
  const b = o.box3d;
  const set = (patch: Partial<{ center: number[]; size: number[]; yaw: number }>) => b && st.setBox3d(o.id, { ...b, ...patch } as Box3D);
  const q = o.quality as { points?: number; candidates?: number; clusterShare?: number; separatedShare?: number } | undefined;
  return (
    <div className="selected-object" data-testid="selected-object">
      <label className="field">
        <span>Category</span>
        <CategoryInput key={o.id} value={o.category === UNNAMED ? '' : o.category} onCommit={(c) => st.setCategory(o.id, c)} testId="object-category" placeholder="name this object" />
      </label>
      {q && (
        <div className="muted small" data-testid="object-quality">
          {q.points ?? 0} points in the box's cluster ({Math.round((q.clusterShare ?? 0) * 100)} % of {q.candidates ?? 0} sampled pixels
          {q.separatedShare !== undefined && q.separatedShare < 1 ? `, ${Math.round((1 - q.separatedShare) * 100)} % cut off as lying behind or in front` : ''}); {String(o.note ?? '')}
        </div>
      )}
      {b ? (
        <>
          <div className="grid3">
            {(['x', 'y', 'z'] as const).map((k, i) => (
              <NumberField key={k} label={`centre ${k} m`} value={b.center[i]} step={0.05} onCommit={(v) => set({ center: b.center.map((c, j) => (j === i ? v : c)) })} testId={`box-center-${k}`} />
            ))}
            {(['length', 'width', 'height'] as const).map((k, i) => (
              <NumberField key={k} label={`${k} m`} value={b.size[i]} step={0.05} onCommit={(v) => v > 0 && st.setBox3d(o.id, resizeKeepingBottom(b, b.size.map((c, j) => (j === i ? v : c)) as [number, number, number]))} testId={`box-size-${k}`} />
            ))}
            <NumberField label="yaw °" value={deg(b.yaw)} step={5} digits={1} onCommit={(v) => set({ yaw: (v * Math.PI) / 180 })} testId="box-yaw" />
          </div>
          <label className="inline small" title="Orientation questions (which way it faces, what is on its left) need to know its front">
            <input type="checkbox" checked={!!o.orientation} onChange={(e) => st.setFacing(o.id, e.target.checked)} data-testid="object-facing" />
            its front faces along +length (the arrow in 3D)
          </label>
          {isPinned(o) && (
            <button onClick={() => void st.relift(o.id)} data-testid="relift-from-2d">
              Lift again from 2D (replaces this box)
            </button>
          )}
        </>
      ) : (
        <div className="muted small">No 3D box: too few points with depth inside this annotation.</div>
      )}
    </div>
  );
}
