// One message queue for the whole app: every store keeps saying what it has to say in its own
// `message` slot, and this module turns those into the messages on screen (information fades, errors
// stay, at most three) — see domain/messages/queue.ts for the rules.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { type MessageKind, type MessageLink, type MessageQueue, clearSource, dismiss, dismissAll, emptyQueue, expire, nextExpiry, pause, post, resume } from '../domain/messages/queue';
import type { Clock } from './ports';

/** A store that speaks: its latest message (or null) and how to clear it. */
export interface MessageSource {
  getState(): { message: { kind: MessageKind; text: string } | null; dismiss(): void };
  subscribe(listener: (s: { message: { kind: MessageKind; text: string } | null }, prev: { message: { kind: MessageKind; text: string } | null }) => void): () => void;
}

export interface MessagesState {
  queue: MessageQueue;
  close(id: number): void;
  closeAll(): void;
  /** The pointer is on the messages (hold = true) or has left them. */
  hold(on: boolean): void;
}

export type MessagesStore = StoreApi<MessagesState> & { dispose(): void };

const linkOf = (m: object): MessageLink | undefined => ('link' in m && m.link === 'import-report' ? 'import-report' : undefined);

export function createMessages(sources: ReadonlyMap<string, MessageSource>, clock: Clock): MessagesStore {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const store = createStore<MessagesState>()((set, get) => ({
    queue: emptyQueue(),
    close(id) {
      const m = get().queue.items.find((x) => x.id === id);
      set({ queue: dismiss(get().queue, id) });
      // the store forgets it too, unless it has said something newer since
      const src = m && sources.get(m.source);
      if (src && src.getState().message?.text === m.text) src.getState().dismiss();
    },
    closeAll() {
      for (const m of get().queue.items) {
        const src = sources.get(m.source);
        if (src && src.getState().message?.text === m.text) src.getState().dismiss();
      }
      set({ queue: dismissAll(get().queue) });
    },
    hold(on) {
      set({ queue: on ? pause(get().queue, clock.now()) : resume(get().queue, clock.now()) });
    },
  }));

  // one timer, always for the next message to fade
  const schedule = () => {
    clearTimeout(timer);
    const at = nextExpiry(store.getState().queue);
    if (at === null) return;
    timer = setTimeout(() => {
      store.setState({ queue: expire(store.getState().queue, clock.now()) });
    }, Math.max(0, at - clock.now()));
  };
  const unsubscribe = [store.subscribe((s, prev) => s.queue !== prev.queue && schedule())];

  for (const [name, src] of sources) {
    const take = (m: { kind: MessageKind; text: string } | null) => {
      const q = store.getState().queue;
      store.setState({ queue: m ? post(q, { source: name, kind: m.kind, text: m.text, link: linkOf(m) }, clock.now()) : clearSource(q, name) });
    };
    const first = src.getState().message;
    if (first) take(first);
    unsubscribe.push(src.subscribe((s, prev) => s.message !== prev.message && take(s.message)));
  }

  return Object.assign(store, {
    dispose() {
      clearTimeout(timer);
      for (const u of unsubscribe) u();
    },
  });
}
