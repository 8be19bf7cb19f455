// The review keys and their bindings, kept in the Settings port (localStorage in the browser).
import type { Settings } from '../ports';
import type { Ctx } from './context';
import type { ReviewStoreState } from './types';

/** What the review keys do, with their default (unshifted) keys. */
export const KEY_ACTIONS = {
  accept: { key: 'a', label: 'Accept' },
  reject: { key: 'r', label: 'Reject (then 1–6 for the reason)' },
  fix: { key: 'f', label: 'Fix the answer, options or 3D box' },
  next: { key: 'j', label: 'Next item (also ↓ / →)' },
  prev: { key: 'k', label: 'Previous item (also ↑ / ←)' },
  help: { key: '?', label: 'This help' },
} as const;
export type KeyAction = keyof typeof KEY_ACTIONS;

export const KEYS_SETTING = 'spatial-lens:keys';

const defaults = (): Record<KeyAction, string> => Object.fromEntries(Object.entries(KEY_ACTIONS).map(([a, v]) => [a, v.key])) as Record<KeyAction, string>;

/** The saved keymap over the defaults (a broken saved keymap falls back to the defaults). */
export function loadKeys(settings: Settings): Record<KeyAction, string> {
  let saved: Partial<Record<KeyAction, string>> = {};
  try {
    saved = JSON.parse(settings.get(KEYS_SETTING) ?? '{}') as Partial<Record<KeyAction, string>>;
  } catch {
    /* the defaults */
  }
  return { ...defaults(), ...saved };
}

/** `keys` with `action` bound to `key`; an action that had the key takes the old key of `action`. */
export function rebound(keys: Record<KeyAction, string>, action: KeyAction, key: string): Record<KeyAction, string> {
  const out = { ...keys };
  const clash = (Object.keys(out) as KeyAction[]).find((a) => a !== action && out[a] === key);
  if (clash) out[clash] = out[action];
  out[action] = key;
  return out;
}

export const keymapSlice = (c: Ctx): Pick<ReviewStoreState, 'keys' | 'rebind'> => ({
  keys: loadKeys(c.deps.settings),
  rebind(action, key) {
    const keys = rebound(c.get().keys, action, key);
    try {
      c.deps.settings.set(KEYS_SETTING, JSON.stringify(keys));
    } catch {
      /* private mode: the default is used next time */
    }
    c.set({ keys });
  },
});
