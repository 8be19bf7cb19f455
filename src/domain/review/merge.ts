// What merging another log into this one (a restored backup) did to the items' decisions, for the
// restore message: the decisions here that the merge replaced (the backup's are later, or its undo
// withdrew them), and those it would have replaced had the log been read in append order (the
// backup's are older, so the later ones made here stay). Nothing is ever dropped from the log; this
// only says what the reviewer sees change.
import { sameCall } from './order';
import type { ReviewLookup, VerdictRecord } from './state';

export interface MergeChange {
  item: string;
  /** The decision in effect here before the merge. */
  local: VerdictRecord;
  /** The one in effect after (undefined: the item is undecided again). */
  now: VerdictRecord | undefined;
}

export interface MergeKept {
  item: string;
  /** The later decision made here, still in effect. */
  local: VerdictRecord;
  /** The backup's older decision on the item, kept in the history. */
  backup: VerdictRecord;
}

export interface MergeReport {
  changed: MergeChange[];
  kept: MergeKept[];
}

/**
 * @param before the state here before the merge; `after` the state once merged; `incoming` the
 * merged log's own state; `items` the items the merged log names.
 */
export function mergeReport(before: ReviewLookup, after: ReviewLookup, incoming: ReviewLookup, items: Iterable<string>): MergeReport {
  const changed: MergeChange[] = [];
  const kept: MergeKept[] = [];
  for (const item of new Set(items)) {
    const local = before.latest(item);
    if (!local) continue;
    const now = after.latest(item);
    if (!now || (now.uid !== local.uid && !sameCall(now, local))) {
      changed.push({ item, local, now });
      continue;
    }
    const theirs = incoming.latest(item);
    if (now.uid === local.uid && theirs && theirs.uid !== local.uid && !sameCall(theirs, local)) kept.push({ item, local, backup: theirs });
  }
  return { changed, kept };
}

const call = (d: VerdictRecord | undefined) => (d ? `${d.decision}${d.reasons?.length ? ` (${d.reasons.join(', ')})` : ''} by ${d.reviewer} at ${d.decidedAt.replace('T', ' ').slice(0, 19)}` : 'undecided');

/** The report in a few sentences, naming up to `max` items of each kind. */
export function describeMerge(r: MergeReport, max = 3): string {
  const parts: string[] = [];
  const some = <T>(list: T[], fmt: (x: T) => string) => `${list.slice(0, max).map(fmt).join('; ')}${list.length > max ? `; and ${list.length - max} more` : ''}`;
  if (r.kept.length)
    parts.push(
      `${r.kept.length} item${r.kept.length === 1 ? ' keeps its' : 's keep their'} later decision made here over the backup's older one, which stays in the history: ${some(r.kept, (k) => `${k.item}: ${call(k.local)} kept, backup ${call(k.backup)}`)}.`,
    );
  if (r.changed.length)
    parts.push(
      `${r.changed.length} decision${r.changed.length === 1 ? '' : 's'} made here ${r.changed.length === 1 ? 'was' : 'were'} replaced by the backup's later ones: ${some(r.changed, (c) => `${c.item}: ${call(c.local)} → ${call(c.now)}`)}.`,
    );
  return parts.join(' ');
}
