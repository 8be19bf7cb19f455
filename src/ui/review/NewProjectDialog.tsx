import { useState } from 'react';
import { uniqueProjectName } from '../../domain/review/projectName';
import { useEscape } from '../escapeStack';

/** Names a new review project (Enter creates, Esc cancels); says the name it will get when taken or empty. */
export function NewProjectDialog({ names, create, cancel }: { names: readonly string[]; create: (name: string) => void; cancel: () => void }) {
  const [name, setName] = useState('');
  useEscape(true, cancel);
  const final = uniqueProjectName(name, names);
  const renamed = name.trim() !== '' && final !== name.trim().replace(/\s+/g, ' ');
  return (
    <div className="dialog-backdrop" onClick={(e) => e.target === e.currentTarget && cancel()}>
      <form
        className="dialog new-project"
        role="dialog"
        aria-modal="true"
        aria-label="New project"
        data-testid="new-project-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          create(name);
        }}
      >
        <div className="dialog-head">
          <strong>New project</strong>
        </div>
        <label className="field">
          Name
          <input autoFocus value={name} maxLength={120} placeholder={uniqueProjectName('', names)} onChange={(e) => setName(e.target.value)} data-testid="new-project-name" />
        </label>
        <p className="muted small">{name.trim() === '' ? `Left empty, it is called “${final}”.` : renamed ? `A project is already called that: this one will be “${final}”.` : ' '}</p>
        <div className="row end">
          <button type="button" onClick={cancel}>
            Cancel
          </button>
          <button type="submit" className="primary" data-testid="new-project-create">
            Create
          </button>
        </div>
      </form>
    </div>
  );
}
