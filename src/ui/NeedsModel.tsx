import { useRef } from 'react';
import { sceneStore, useScene } from '../store';
import { ModelOffer } from './ModelOffer';

/** Shown when a photo without a depth map arrives and no depth model is installed. */
export function NeedsModel() {
  const pending = useScene((s) => s.pending);
  const hasScene = useScene((s) => !!s.scene);
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="needs-model" data-testid="needs-model">
      <h2>A depth model is needed for {pending?.image.name ?? 'this photo'}</h2>
      <p>The photo came without a depth map, so its depth has to be estimated by a model, and none is installed yet.</p>
      <ModelOffer />
      <details className="own-model">
        <summary>Use a model file of your own</summary>
        <ol>
          <li>
            An ONNX export of <strong>Depth Anything V2</strong> (relative or metric), <strong>MoGe-2</strong>, <strong>Metric3D v2</strong> or <strong>MiDaS</strong>: drop the{' '}
            <code>.onnx</code> file anywhere on this window, or choose it below. It is checked against its family's conventions and kept in this browser.
          </li>
          <li>
            Or place it in the <code>models/</code> folder of the deployment with an entry in <code>models/manifest.json</code>.
          </li>
        </ol>
      </details>
      <p className="muted">No model needed: drop the photo together with its 16-bit depth PNG (and intrinsics JSON).</p>
      <input ref={input} type="file" accept=".onnx" hidden onChange={(e) => e.target.files?.length && void sceneStore.getState().openFiles([...e.target.files])} data-testid="needs-model-input" />
      <div className="actions">
        <button onClick={() => input.current?.click()}>
          Add a depth model (.onnx)…
        </button>
        {hasScene && <button onClick={() => sceneStore.setState({ phase: 'ready', pending: null })}>Back to the current scene</button>}
      </div>
    </div>
  );
}
