import { useEffect, useRef, useState } from 'react';
import { useEscape } from './escapeStack';

export interface MenuItem {
  label: string;
  run: () => void;
  disabled?: boolean;
  testId: string;
}

/** The header's secondary actions, behind one button (closes on a choice, Esc or a click elsewhere). */
export function HeaderMenu({ items, note }: { items: MenuItem[]; note?: string }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useEscape(open, () => setOpen(false));
  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent) => root.current && !root.current.contains(e.target as Node) && setOpen(false);
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);
  return (
    <div className="header-menu" ref={root}>
      <button aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="header-menu" title="More actions">
        More ▾
      </button>
      {open && (
        <div className="header-menu-list" role="menu" data-testid="header-menu-list">
          {items.map((it) => (
            <button
              key={it.testId}
              role="menuitem"
              disabled={it.disabled}
              data-testid={it.testId}
              onClick={() => {
                setOpen(false);
                it.run();
              }}
            >
              {it.label}
            </button>
          ))}
          {note && <p className="muted small">{note}</p>}
        </div>
      )}
    </div>
  );
}
