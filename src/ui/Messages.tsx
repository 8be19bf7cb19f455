import { sceneStore, useScene } from '../store';

export function Messages() {
  const message = useScene((s) => s.message);
  if (!message) return null;
  return (
    <div className={`message ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'} data-testid={`message-${message.kind}`}>
      <span>{message.text}</span>
      <button className="link" onClick={() => sceneStore.getState().dismiss()} aria-label="Dismiss">
        ×
      </button>
    </div>
  );
}
