import { shown } from '../domain/messages/queue';
import { importReportsStore, messagesStore, useMessages } from '../store';

/**
 * What the scene, the objects stage, the questions and the review have to say, in one queue (errors
 * name what is wrong and stay until closed; information fades; at most three show). It sits in its own
 * strip below the workspace, so it never covers a control.
 */
export function Messages() {
  const queue = useMessages((m) => m.queue);
  const { items, hidden } = shown(queue);
  const m = messagesStore.getState();
  return (
    <div className="overlays" data-testid="messages" onPointerEnter={() => m.hold(true)} onPointerLeave={() => m.hold(false)}>
      {hidden > 0 && (
        <div className="message-more small muted">
          {hidden} earlier {hidden === 1 ? 'message' : 'messages'} behind these{' '}
          <button className="link" onClick={() => m.closeAll()}>
            close all
          </button>
        </div>
      )}
      {items.map((x) => (
        <div key={x.id} className={`message ${x.kind}`} role={x.kind === 'error' ? 'alert' : 'status'} data-testid={`message-${x.kind}`}>
          <span>
            {x.text}
            {x.link === 'import-report' && (
              <>
                {' '}
                <button className="link inline-link" onClick={() => importReportsStore.getState().show()} data-testid="open-import-report">
                  Open the import report
                </button>
              </>
            )}
          </span>
          <button className="link close" onClick={() => m.close(x.id)} aria-label="Dismiss">
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
