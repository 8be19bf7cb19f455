// Short leases on the item each tab shows, so that two tabs of one reviewer on one project do not
// walk into the same items: "next undecided" passes over items another live tab holds. A lease is
// renewed while its item is on screen and lapses on its own when the tab dies (no clean-up needed).
// Where the browser can say which tabs are alive (a lock each tab holds for its life), a dead tab's
// lease is ignored at once: after a crash the reopened tab is not kept off its own next item.
// Another reviewer's leases are ignored: overlap between reviewers is wanted (agreement).

/** How long a claim holds without renewal, and how often a tab renews the one it holds. */
export const LEASE_MS = 45_000;
export const RENEW_MS = 15_000;
/** A lease written this recently counts even before its tab is known to be alive (its lock may be on its way). */
export const FRESH_MS = 1_000;

export interface Lease {
  tab: string;
  project: string;
  reviewer: string;
  item: string;
  /** ms since the epoch */
  expires: number;
}

export interface LeaseHolder {
  tab: string;
  project: string;
  reviewer: string;
}

export const claimLease = (me: LeaseHolder, item: string, now: number): Lease => ({ ...me, item, expires: now + LEASE_MS });

export const isLive = (l: Lease, now: number): boolean => l.expires > now;

/**
 * Items held by other live tabs of the same reviewer on the same project. `alive`, when known, names
 * the tabs still open: another tab's lease counts only if its tab is among them or wrote it within
 * FRESH_MS.
 */
export function heldByOthers(leases: Iterable<Lease>, me: LeaseHolder, now: number, alive?: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const l of leases) {
    if (l.tab === me.tab || l.project !== me.project || l.reviewer !== me.reviewer || !isLive(l, now)) continue;
    if (alive && !alive.has(l.tab) && l.expires - LEASE_MS < now - FRESH_MS) continue;
    out.add(l.item);
  }
  return out;
}

/** A stored lease read back; anything malformed (another version, a hand edit) is no lease. */
export function parseLease(text: string | null): Lease | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as Partial<Lease>;
    if (typeof v.tab === 'string' && typeof v.project === 'string' && typeof v.reviewer === 'string' && typeof v.item === 'string' && typeof v.expires === 'number' && Number.isFinite(v.expires)) return { tab: v.tab, project: v.project, reviewer: v.reviewer, item: v.item, expires: v.expires };
  } catch {
    /* not JSON: no lease */
  }
  return null;
}
