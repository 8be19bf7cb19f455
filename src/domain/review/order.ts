// The order of decisions on an item: when they were made, not when they reached this browser's log.
// A restored backup or another browser's export appends old decisions with new log keys; ordering by
// key would let them overwrite later ones. Ties (the same millisecond) go to the reviewer's name,
// then the decision's uid, so every browser that holds the same records agrees on the latest.
import type { ReviewDecision, StoredDecision } from './types';

/** A decision's decidedAt in ms; a missing or unreadable time counts as older than any real one. */
export function decidedMs(d: Pick<ReviewDecision, 'decidedAt'>): number {
  const t = Date.parse(d.decidedAt);
  return Number.isFinite(t) ? t : -Infinity;
}

const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Negative when `a` was made before `b`: decidedAt, then reviewer, then uid, then log key.
 * `ta`/`tb` are their decidedMs when already known.
 */
export function compareDecisions(a: StoredDecision, b: StoredDecision, ta = decidedMs(a), tb = decidedMs(b)): number {
  if (ta !== tb) return ta < tb ? -1 : 1;
  return cmpStr(a.reviewer, b.reviewer) || cmpStr(a.uid, b.uid) || (a.key ?? 0) - (b.key ?? 0);
}

/**
 * The decidedAt of a decision made now on an item whose latest decision (on screen) was made at
 * `after`: now, unless this clock is behind that one, then a millisecond after it. A decision made
 * having seen another is later than it, whatever the clocks say.
 */
export function decisionTime(now: Date, after?: string): string {
  const t = after === undefined ? -Infinity : Date.parse(after);
  return Number.isFinite(t) && t >= now.getTime() ? new Date(t + 1).toISOString() : now.toISOString();
}

/** Whether two decisions say the same thing about the item (verdict, reasons, fixed values). */
export function sameCall(a: ReviewDecision, b: ReviewDecision): boolean {
  if (a.decision !== b.decision) return false;
  const ra = [...(a.reasons ?? [])].sort().join('\n');
  const rb = [...(b.reasons ?? [])].sort().join('\n');
  return ra === rb && JSON.stringify(a.edits ?? null) === JSON.stringify(b.edits ?? null);
}
