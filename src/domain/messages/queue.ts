// The messages on screen, as a value: what each part of the app last said, which of it still shows,
// and when an informational one fades. Errors stay until the person closes them; information fades
// after INFO_MS (not while the pointer rests on the messages, so a slow reader keeps them); no more
// than MAX_SHOWN show at once.

export type MessageKind = 'info' | 'error';

/** Something the message offers to open (the report it speaks of). */
export type MessageLink = 'import-report';

export interface Posted {
  /** The part of the app that speaks (scene, objects, questions, review): its newer word replaces its older. */
  source: string;
  kind: MessageKind;
  text: string;
  link?: MessageLink;
}

export interface Message extends Posted {
  id: number;
  /** When an informational message fades (ms since the epoch); null for errors. */
  expiresAt: number | null;
}

export interface MessageQueue {
  readonly items: readonly Message[];
  readonly nextId: number;
  /** Set while the pointer holds the messages: nothing fades meanwhile. */
  readonly pausedAt: number | null;
}

export const INFO_MS = 6000;
export const MAX_SHOWN = 3;

export const emptyQueue = (): MessageQueue => ({ items: [], nextId: 1, pausedAt: null });

/**
 * Adds a message. The source's earlier information goes (it is stale now), and so does its earlier
 * error when the new message is an error too (each part keeps one error: its latest). Information
 * beyond MAX_SHOWN is dropped oldest first; errors are never dropped, only hidden behind newer ones.
 */
export function post(q: MessageQueue, m: Posted, now: number): MessageQueue {
  const kept = q.items.filter((x) => x.source !== m.source || (x.kind === 'error' && m.kind !== 'error'));
  const start = q.pausedAt ?? now;
  const added: Message = { ...m, id: q.nextId, expiresAt: m.kind === 'info' ? start + INFO_MS : null };
  let items = [...kept, added];
  while (items.length > MAX_SHOWN) {
    const oldestInfo = items.findIndex((x) => x.kind === 'info' && x !== added);
    if (oldestInfo < 0) break;
    items = items.filter((_, i) => i !== oldestInfo);
  }
  return { ...q, items, nextId: q.nextId + 1 };
}

/** The source has nothing to say any more (it cleared its message): its information goes, its error stays. */
export const clearSource = (q: MessageQueue, source: string): MessageQueue => {
  const items = q.items.filter((x) => x.source !== source || x.kind === 'error');
  return items.length === q.items.length ? q : { ...q, items };
};

export const dismiss = (q: MessageQueue, id: number): MessageQueue => ({ ...q, items: q.items.filter((x) => x.id !== id) });

export const dismissAll = (q: MessageQueue): MessageQueue => ({ ...q, items: [] });

/** Drops the information whose time is up (nothing while paused). */
export function expire(q: MessageQueue, now: number): MessageQueue {
  if (q.pausedAt !== null) return q;
  const items = q.items.filter((x) => x.expiresAt === null || x.expiresAt > now);
  return items.length === q.items.length ? q : { ...q, items };
}

/** When the next message fades, or null (none will, or paused). */
export function nextExpiry(q: MessageQueue): number | null {
  if (q.pausedAt !== null) return null;
  let t: number | null = null;
  for (const x of q.items) if (x.expiresAt !== null && (t === null || x.expiresAt < t)) t = x.expiresAt;
  return t;
}

export const pause = (q: MessageQueue, now: number): MessageQueue => (q.pausedAt !== null ? q : { ...q, pausedAt: now });

/** Resumes fading: every deadline moves by the time spent paused, and never ends sooner than in a second and a half. */
export function resume(q: MessageQueue, now: number): MessageQueue {
  if (q.pausedAt === null) return q;
  const held = now - q.pausedAt;
  return { ...q, pausedAt: null, items: q.items.map((x) => (x.expiresAt === null ? x : { ...x, expiresAt: Math.max(x.expiresAt + held, now + 1500) })) };
}

/** What shows: the newest MAX_SHOWN, oldest first, and how many older ones wait behind them. */
export function shown(q: MessageQueue): { items: readonly Message[]; hidden: number } {
  const hidden = Math.max(0, q.items.length - MAX_SHOWN);
  return { items: q.items.slice(hidden), hidden };
}
