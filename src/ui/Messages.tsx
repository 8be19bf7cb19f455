import { objectsStore, qaStore, reviewStore, sceneStore, useObjects, useQA, useReview, useScene } from '../store';

/** What the scene, the objects stage, the questions and the review have to say (errors name what is wrong). */
export function Messages() {
  const scene = useScene((s) => s.message);
  const objects = useObjects((o) => o.message);
  const qa = useQA((q) => q.message);
  const review = useReview((r) => r.message);
  return (
    <>
      {scene && <Message kind={scene.kind} text={scene.text} dismiss={() => sceneStore.getState().dismiss()} />}
      {objects && <Message kind={objects.kind} text={objects.text} dismiss={() => objectsStore.getState().dismiss()} />}
      {qa && <Message kind={qa.kind} text={qa.text} dismiss={() => qaStore.getState().dismiss()} />}
      {review && <Message kind={review.kind} text={review.text} dismiss={() => reviewStore.getState().dismiss()} />}
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
