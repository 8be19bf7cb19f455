import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { INFO_MS } from '../domain/messages/queue';
import { type MessageSource, createMessages } from './messages';

type Msg = { kind: 'info' | 'error'; text: string; link?: 'import-report' } | null;
const speaker = () => createStore<{ message: Msg; dismiss(): void }>()((set) => ({ message: null, dismiss: () => set({ message: null }) }));

describe('the messages of every store in one queue', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('information fades by itself, an error waits to be closed, and closing tells the store', () => {
    const scene = speaker();
    const review = speaker();
    const m = createMessages(new Map<string, MessageSource>([['scene', scene], ['review', review]]), { now: () => Date.now() });
    scene.setState({ message: { kind: 'info', text: 'Lifted a.jpg' } });
    review.setState({ message: { kind: 'error', text: 'Import refused' } });
    expect(m.getState().queue.items.map((x) => x.text)).toEqual(['Lifted a.jpg', 'Import refused']);
    vi.advanceTimersByTime(INFO_MS - 1);
    expect(m.getState().queue.items).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(m.getState().queue.items.map((x) => x.text)).toEqual(['Import refused']);
    vi.advanceTimersByTime(600_000);
    expect(m.getState().queue.items.map((x) => x.text)).toEqual(['Import refused']);
    m.getState().close(m.getState().queue.items[0].id);
    expect(m.getState().queue.items).toEqual([]);
    expect(review.getState().message).toBeNull();
    m.dispose();
  });

  it('holding the pointer on the messages stops the fading; the link of an import message comes through', () => {
    const review = speaker();
    const m = createMessages(new Map([['review', review]]), { now: () => Date.now() });
    review.setState({ message: { kind: 'info', text: 'Imported 3 items; 20 with missing images (see the import report).', link: 'import-report' } });
    m.getState().hold(true);
    vi.advanceTimersByTime(60_000);
    expect(m.getState().queue.items[0].link).toBe('import-report');
    m.getState().hold(false);
    vi.advanceTimersByTime(INFO_MS - 1);
    expect(m.getState().queue.items).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(m.getState().queue.items).toHaveLength(0);
    m.dispose();
  });
});
