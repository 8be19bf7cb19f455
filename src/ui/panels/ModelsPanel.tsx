import { useRef } from 'react';
import { isUserError } from '../../domain/errors';
import { ADAPTERS } from '../../domain/models/families';
import type { ModelFamily } from '../../domain/models/manifest';
import { ROLE_OF_TASK } from '../../store';
import { modelsStore, sceneStore, useModels } from '../../store';

const LIFT_FAMILIES = Object.keys(ADAPTERS) as ModelFamily[];
const ROLE_LABEL = { relative: 'relative depth / points', metric: 'metric depth', camera: 'camera' };

/** Installed models, the one used for each role, adding and removing, the backend. */
export function ModelsPanel() {
  const { models, selected, backend, busy, manifestProblem } = useModels((m) => m);
  const input = useRef<HTMLInputElement>(null);
  const fail = (e: unknown) => sceneStore.getState().say({ kind: 'error', text: isUserError(e) ? e.message : String(e) });
  return (
    <section className="panel" data-testid="models-panel">
      <div className="panel-title">Models</div>
      {manifestProblem && <div className="inline-error">{manifestProblem}</div>}
      {!models.some((m) => ROLE_OF_TASK[m.task]) && <div className="muted">No depth or camera model installed. Drop an .onnx file anywhere, or add one below.</div>}
      <ul className="models">
        {models.map((m) => {
          const role = ROLE_OF_TASK[m.task];
          const active = role && selected[role] === m.id;
          return (
            <li key={m.id} className={active ? 'active' : ''} data-testid={`model-${m.id}`}>
              <div className="model-head">
                <label>
                  {role && <input type="radio" name={`role-${role}`} checked={!!active} onChange={() => modelsStore.getState().select(role, m.id)} />} <strong>{m.name ?? m.id}</strong>
                </label>
                {m.origin === 'added' && (
                  <button className="small" onClick={() => void modelsStore.getState().remove(m.id).catch(fail)} title="Remove from this browser">
                    remove
                  </button>
                )}
              </div>
              <div className="model-meta">
                {role ? (
                  <select value={m.family} onChange={(e) => void modelsStore.getState().setFamily(m.id, e.target.value as ModelFamily).catch(fail)} disabled={m.origin !== 'added'}>
                    {LIFT_FAMILIES.map((f) => (
                      <option key={f} value={f}>
                        {ADAPTERS[f]!.label}
                      </option>
                    ))}
                  </select>
                ) : (
                  <span>{m.family === 'yolox' ? 'COCO object detector (Objects → Detect)' : m.family}</span>
                )}
                <span className="muted">
                  {role ? ROLE_LABEL[role] : m.task} · {m.origin === 'added' ? 'in this browser' : 'models/'} {m.bytes ? `· ${(m.bytes / 1e6).toFixed(1)} MB` : ''}
                </span>
              </div>
              {role && active && (
                <button className="link small" onClick={() => modelsStore.getState().select(role, null)}>
                  don’t use
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <input ref={input} type="file" accept=".onnx" hidden onChange={(e) => e.target.files?.length && void sceneStore.getState().openFiles([...e.target.files]).finally(() => (e.target.value = ''))} data-testid="model-input" />
      <button onClick={() => input.current?.click()} disabled={!!busy}>
        {busy ?? 'Add a model (.onnx)…'}
      </button>
      <label className="field">
        <span>Inference backend</span>
        <select value={backend} onChange={(e) => modelsStore.getState().setBackend(e.target.value as 'auto' | 'webgpu' | 'wasm')} data-testid="backend-select">
          <option value="auto">automatic (WebGPU on a real GPU, else WASM)</option>
          <option value="wasm">WASM (CPU, threads)</option>
          <option value="webgpu">WebGPU (even on a CPU fallback)</option>
        </select>
      </label>
    </section>
  );
}
