import { useRef } from 'react';
import { sceneStore, useScene } from '../store';

/** Shown when a photo without a depth map arrives and no depth model is installed. */
export function NeedsModel() {
  const pending = useScene((s) => s.pending);
  const hasScene = useScene((s) => !!s.scene);
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="needs-model" data-testid="needs-model">
      <h2>A depth model is needed for {pending?.image.name ?? 'this photo'}</h2>
      <p>
        The photo came without a depth map, so its depth has to be estimated by a model, and none is installed. Spatial Lens ships no depth model: none small and
        permissively licensed enough to bundle exists, so you bring one and it stays in this browser.
      </p>
      <ol>
        <li>
          Get an ONNX export of a depth model: <strong>Depth Anything V2</strong> (small, relative or metric), <strong>MoGe-2</strong>, <strong>Metric3D v2</strong> or{' '}
          <strong>MiDaS</strong>. <code>models/README.md</code> lists where they are published and their conventions.
        </li>
        <li>Drop the <code>.onnx</code> file anywhere on this window, or choose it below. It is checked, kept in the browser's storage, and this photo is lifted with it.</li>
        <li>
          Or place it in the <code>models/</code> folder with an entry in <code>models/manifest.json</code>.
        </li>
      </ol>
      <p className="muted">No model needed: drop the photo together with its 16-bit depth PNG (and intrinsics JSON).</p>
      <input ref={input} type="file" accept=".onnx" hidden onChange={(e) => e.target.files?.length && void sceneStore.getState().openFiles([...e.target.files])} data-testid="needs-model-input" />
      <div className="actions">
        <button className="primary" onClick={() => input.current?.click()}>
          Add a depth model (.onnx)…
        </button>
        {hasScene && <button onClick={() => sceneStore.setState({ phase: 'ready', pending: null })}>Back to the current scene</button>}
      </div>
    </div>
  );
}
