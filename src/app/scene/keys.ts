// The keys of the scene and questions workspaces (the review keys are the review queue's): undo and
// redo of object edits, delete the selected object, leave a tool, step through the questions.
import type { ObjectsStore } from '../objects/objectsStore';
import type { QAStore } from '../qa/qaStore';
import type { ViewStore } from '../view/viewStore';

export interface PageKey {
  key: string;
  ctrl?: boolean;
  meta?: boolean;
  shift?: boolean;
}

/** Acts on a key pressed on the page (not in a field); true when the key was used (the page then keeps it from the browser). */
export function pressWorkspaceKey(e: PageKey, stores: { objects: ObjectsStore; qa: QAStore; view: ViewStore }): boolean {
  const o = stores.objects.getState();
  const mod = !!(e.ctrl || e.meta);
  if (stores.view.getState().mode === 'qa' && !mod) {
    const step = e.key === 'ArrowDown' || e.key === 'j' ? 1 : e.key === 'ArrowUp' || e.key === 'k' ? -1 : 0;
    if (step) stores.qa.getState().step(step);
    return !!step;
  }
  if (mod && e.key.toLowerCase() === 'z') {
    if (e.shift) o.redo();
    else o.undo();
    return true;
  }
  if (mod && e.key.toLowerCase() === 'y') {
    o.redo();
    return true;
  }
  if ((e.key === 'Delete' || e.key === 'Backspace') && o.selectedId) {
    o.remove(o.selectedId);
    return true;
  }
  if (e.key === 'Escape') {
    o.select(null);
    o.setTool('select');
  }
  return false;
}
