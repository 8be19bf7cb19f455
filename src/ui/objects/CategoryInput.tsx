import { useId, useMemo, useState } from 'react';
import { categorySuggestions, normaliseCategory } from '../../domain/objects/categories';
import { useObjects } from '../../store';

/** Categories in use on this photo and in imported files not lifted yet, for suggestions. */
function useCategoriesInUse(): string[] {
  const objects = useObjects((s) => s.objects);
  const pending = useObjects((s) => s.pendingByImage);
  return useMemo(() => {
    const names: string[] = [];
    for (const list of pending.values()) for (const a of list) names.push(a.category);
    for (const o of objects) names.push(o.category);
    return names;
  }, [objects, pending]);
}

/**
 * Free-text category with suggestions (names in use first, then COCO's). Commits on Enter or
 * leaving the field; an empty name is refused in place and the previous one kept.
 */
export function CategoryInput({ value, onCommit, testId, placeholder }: { value: string; onCommit: (category: string) => void; testId: string; placeholder?: string }) {
  const [text, setText] = useState<string | null>(null);
  const inUse = useCategoriesInUse();
  const list = useId();
  const shown = text ?? value;
  const suggestions = useMemo(() => categorySuggestions(text ?? '', [inUse], 20), [text, inUse]);
  const bad = text !== null && normaliseCategory(text) === null && text.trim() !== '';
  const commit = () => {
    if (text === null) return;
    const n = normaliseCategory(text);
    if (n && n !== value) onCommit(n);
    setText(null);
  };
  return (
    <>
      <input
        type="text"
        value={shown}
        list={list}
        placeholder={placeholder ?? 'type any category'}
        aria-invalid={bad}
        title={bad ? 'A category is at most 80 characters' : 'Any name: suggestions are the categories in use, then COCO’s'}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setText(null);
          e.stopPropagation();
        }}
        data-testid={testId}
      />
      <datalist id={list}>
        {suggestions.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
    </>
  );
}
