// Wires the tabs' leases (storage/leases) to the review store: the item on screen is claimed (and
// renewed while it stays), the claim goes when the tab is closed, and other tabs' claims are
// followed through `storage` events so the item view can say when its item is open elsewhere. Each
// tab holds a Web Lock named after it for as long as it lives (the browser drops it when the tab
// closes or crashes), so the other tabs know which leases still have a tab behind them.
import { createStore } from 'zustand/vanilla';
import { RENEW_MS } from '../domain/review/leases';
import { LeaseBook } from '../adapters/browser/storage/leases';
import type { ReviewStore } from './reviewStore';

export interface LeaseState {
  /** Items this reviewer's other tabs hold on the project. */
  others: ReadonlySet<string>;
}

const TAB_LOCK = 'spatial-lens-tab:';
type Locks = Pick<LockManager, 'request' | 'query'>;

export function createReviewLeases(
  store: ReviewStore,
  book: LeaseBook,
  win: Pick<Window, 'addEventListener'> | null = typeof window !== 'undefined' ? window : null,
  locks: Locks | null = typeof navigator !== 'undefined' ? (navigator.locks ?? null) : null,
) {
  const status = createStore<LeaseState>()(() => ({ others: new Set() }));
  // held until the tab goes: the request's promise never settles
  void locks?.request(TAB_LOCK + book.tab, () => new Promise<void>(() => undefined)).catch(() => undefined);
  const readAlive = async () => {
    if (!locks) return;
    try {
      const held = (await locks.query()).held ?? [];
      book.alive = new Set(held.map((l) => l.name ?? '').filter((n) => n.startsWith(TAB_LOCK)).map((n) => n.slice(TAB_LOCK.length)));
    } catch {
      book.alive = undefined;
    }
  };
  const update = () => {
    const { project, reviewer } = store.getState();
    const others = book.others(project, reviewer);
    const had = status.getState().others;
    if (others.size !== had.size || [...others].some((i) => !had.has(i))) status.setState({ others });
  };
  const claimShown = () => {
    const s = store.getState();
    book.claim(s.project, s.reviewer, s.current?.row.id ?? null);
  };
  store.subscribe((s, p) => {
    if (s.current?.row.id === p.current?.row.id && s.project === p.project && s.reviewer === p.reviewer) return;
    claimShown();
    update();
  });
  const timer = setInterval(() => {
    book.renew();
    void readAlive().then(update);
  }, RENEW_MS);
  void readAlive().then(update);
  win?.addEventListener('storage', (e: StorageEvent) => LeaseBook.isLeaseKey(e.key) && void readAlive().then(update));
  // closing the tab lets its item go at once; a page brought back from the back/forward cache claims again
  win?.addEventListener('pagehide', () => book.release());
  win?.addEventListener('pageshow', (e: PageTransitionEvent) => e.persisted && claimShown());
  return { status, update, stop: () => clearInterval(timer) };
}
