// Conflicting decisions: two tabs (or two reviewers) decided the same item differently at the same
// time. The item's state is still the decision made last, but neither side should learn of it by
// chance, so the conflict is found and shown to both.
import { decidedMs, sameCall } from './order';
import type { VerdictRecord } from './state';

export interface Conflict {
  item: string;
  /** The decision in effect (made last). */
  latest: VerdictRecord;
  /** A different decision made while `latest`'s maker had the item on screen. */
  other: VerdictRecord;
}

/**
 * The conflict on an item, given its decisions in effect in the order they were made (ReviewState
 * `records`): the latest one was made while another one saying something else was made, that is,
 * between the moment the latest's maker was shown the item (its startedAt) and its decision. A
 * decision made before the item was shown was there to be seen, so a different later one is a
 * change of mind, not a conflict; two decisions from one showing (same reviewer, same startedAt) are
 * one person's.
 */
export function conflictIn(records: readonly VerdictRecord[]): Conflict | undefined {
  if (records.length < 2) return undefined;
  const latest = records[records.length - 1];
  const shown = Date.parse(latest.startedAt);
  if (!Number.isFinite(shown)) return undefined;
  for (let i = records.length - 2; i >= 0; i--) {
    const other = records[i];
    if (decidedMs(other) < shown) break;
    if (other.reviewer === latest.reviewer && other.startedAt === latest.startedAt) continue;
    if (!sameCall(other, latest)) return { item: latest.item, latest, other };
  }
  return undefined;
}
