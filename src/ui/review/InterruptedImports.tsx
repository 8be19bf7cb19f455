import { interruptedText } from '../../domain/review/importJournal';
import { reviewStore, useReview } from '../../store';

/** Imports that did not finish (a reload, a closed tab): how far each got, until imported again or dismissed. */
export function InterruptedImports() {
  const list = useReview((r) => r.interrupted);
  if (!list.length) return null;
  return (
    <div className="interrupted-imports" data-testid="interrupted-imports">
      {list.map((j) => (
        <div key={j.id} className="message error">
          <span>{interruptedText(j)}</span>
          <button className="link" onClick={() => void reviewStore.getState().dismissImport(j.id)} title="Forget this notice: the items already imported stay">
            dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
