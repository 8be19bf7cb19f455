// What the review store's slices share: the store's get/set, the ports, and the few helpers every
// slice calls (a failure message, the nudge to other tabs, the next item to pick, conflicts).
import { isUserError } from '../../domain/errors';
import { conflictIn } from '../../domain/review/conflicts';
import { nextUndecided } from '../../domain/review/queue';
import type { QueueRow } from '../../domain/review/types';
import type { Clock, Files, Ids, Settings } from '../ports';
import type { LeaseBook } from './leaseBook';
import type { PhotoUrls } from './photos';
import type { ReviewPorts } from './ports';
import type { ReviewStoreState } from './types';

export type GetState = () => ReviewStoreState;
export type SetState = (patch: Partial<ReviewStoreState> | ((s: ReviewStoreState) => Partial<ReviewStoreState>)) => void;

export interface ReviewDeps extends Pick<ReviewPorts, 'storage' | 'compute'> {
  settings: Settings;
  clock: Clock;
  ids: Ids;
  files: Files;
  /** The tabs' leases (absent: no other tab is known). */
  leases?: Pick<LeaseBook, 'claim' | 'others'>;
  /** The tab channel: another tab on the same project decided or imported. */
  tell(msg: { project: string; rows: boolean }): void;
  photos: PhotoUrls;
}

export interface Ctx {
  get: GetState;
  set: SetState;
  deps: ReviewDeps;
  /** Lists the queue again (filter, sort, counts); with keepCurrent, moves off an item no longer listed. */
  relist(keepCurrent?: boolean): void;
}

export const fail = (c: Ctx, e: unknown, what: string) => c.set({ busy: null, message: { kind: 'error', text: isUserError(e) ? e.message : `${what}: ${(e as Error)?.message ?? e}` } });

/** Tells the other tabs on the project that decisions (and with `rows`, the queue) changed. */
export const broadcast = (c: Ctx, rows = false) => c.deps.tell({ project: c.get().project, rows });

export const perspective = (c: Ctx) => (c.get().mine ? c.get().reviewer : undefined);

/** Runs `fn` once the frame in progress has been painted (the next item first, bookkeeping after). */
export const afterPaint = (fn: () => void) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => setTimeout(fn, 0)) : setTimeout(fn, 0));

/**
 * The next undecided item after `after`, passing over those this reviewer's other tabs show (when
 * every one left is open elsewhere, one of them: the reviewer is never left without an item); the
 * pick is claimed at once so that a tab deciding at the same moment picks another.
 */
export function pickNext(c: Ctx, rows: readonly QueueRow[], after: QueueRow | undefined): QueueRow | undefined {
  const { project, reviewer, session } = c.get();
  const opts = { perspective: perspective(c) };
  const held = c.deps.leases?.others(project, reviewer);
  const next = (held?.size ? nextUndecided(rows, after, session.log, { ...opts, skip: (id) => held.has(id) }) : undefined) ?? nextUndecided(rows, after, session.log, opts);
  if (next) c.deps.leases?.claim(project, reviewer, next.id);
  return next;
}

/** Keeps the conflicts list up to date for items whose decisions changed. */
export function noteConflicts(c: Ctx, items: Iterable<string>): void {
  const { session } = c.get();
  let list = c.get().conflicts;
  const before = list;
  for (const item of items) {
    const found = conflictIn(session.log.records(item));
    const yours = found ? (session.own.uids.has(found.latest.uid) ? 'latest' : session.own.uids.has(found.other.uid) ? 'other' : null) : null;
    if (found && (yours || c.get().current?.row.id === item)) list = [{ ...found, yours }, ...list.filter((x) => x.item !== item)];
    else if (!found && list.some((x) => x.item === item)) list = list.filter((x) => x.item !== item);
  }
  if (list !== before) c.set({ conflicts: list.slice(0, 20) });
}
