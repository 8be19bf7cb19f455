import { objectsStore, qaStore, sceneStore, useObjects, useQA, useScene } from '../store';

/** What the scene, the objects stage and the questions have to say (errors name what is wrong). */
export function Messages() {
  const scene = useScene((s) => s.message);
  const objects = useObjects((o) => o.message);
  const qa = useQA((q) => q.message);
  return (
    <>
      {scene && <Message kind={scene.kind} text={scene.text} dismiss={() => sceneStore.getState().dismiss()} />}
      {objects && <Message kind={objects.kind} text={objects.text} dismiss={() => objectsStore.getState().dismiss()} />}
      {qa && <Message kind={qa.kind} text={qa.text} dismiss={() => qaStore.getState().dismiss()} />}
    </>
  );
}

function Message({ kind, text, dismiss }: { kind: 'error' | 'info'; text: string; dismiss: () => void }) {
  return (
    <div className={`message ${kind}`} role={kind === 'error' ? 'alert' : 'status'} data-testid={`message-${kind}`}>
      <span>{text}</span>
      <button className="link" onClick={dismiss} aria-label="Dismiss">
        ×
      </button>
    </div>
  );
}
