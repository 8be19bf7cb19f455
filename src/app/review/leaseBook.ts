// The tabs' leases (domain/review/leases) in a key/value store every tab sees (localStorage in the browser): one key per tab, read synchronously when
// the next item is picked, and every write reaches the other tabs as a `storage` event (the nudge
// that lets them show "also open in another tab"). A lease is a few dozen bytes that only matters
// while its tab lives, so it needs neither IndexedDB's durability nor a schema version; a tab that
// dies leaves a key that lapses and is swept by the next reader.
import { LEASE_MS, type Lease, type LeaseHolder, claimLease, heldByOthers, isLive, parseLease } from '../../domain/review/leases';
import type { LeaseStorage } from './ports';

const PREFIX = 'spatial-lens:lease:';

export type { LeaseStorage };

export class LeaseBook {
  private held: Lease | null = null;
  /** The tabs known to be open (undefined: not known, leases lapse by time alone). */
  alive: ReadonlySet<string> | undefined;

  constructor(
    private readonly storage: LeaseStorage | null,
    private readonly now: () => number = Date.now,
    readonly tab: string = Math.random().toString(36).slice(2, 10),
  ) {}

  /** The item this tab holds, if any. */
  get item(): string | null {
    return this.held?.item ?? null;
  }

  /** Claims `item` for this tab (null lets the held one go). */
  claim(project: string, reviewer: string, item: string | null): void {
    if (item === null) return this.release();
    this.held = claimLease({ tab: this.tab, project, reviewer }, item, this.now());
    this.write();
  }

  /** Extends the held lease (called while its item stays on screen). */
  renew(): void {
    if (!this.held) return;
    this.held = { ...this.held, expires: this.now() + LEASE_MS };
    this.write();
  }

  release(): void {
    this.held = null;
    try {
      this.storage?.removeItem(PREFIX + this.tab);
    } catch {
      /* storage unavailable: the lease lapses */
    }
  }

  /** Items held by this reviewer's other live tabs on the project; sweeps long-dead tabs' keys. */
  others(project: string, reviewer: string): Set<string> {
    const me: LeaseHolder = { tab: this.tab, project, reviewer };
    return heldByOthers(this.all(), me, this.now(), this.alive);
  }

  /** Every live lease (this tab's included). */
  all(): Lease[] {
    const s = this.storage;
    if (!s) return [];
    const out: Lease[] = [];
    const dead: string[] = [];
    const now = this.now();
    try {
      for (let i = 0; i < s.length; i++) {
        const k = s.key(i);
        if (!k?.startsWith(PREFIX)) continue;
        const l = parseLease(s.getItem(k));
        if (l && isLive(l, now)) out.push(l);
        else if (!l || l.expires + LEASE_MS < now) dead.push(k);
      }
      for (const k of dead) s.removeItem(k);
    } catch {
      /* storage unavailable: no leases known */
    }
    return out;
  }

  /** Whether a storage event's key is a lease (another tab claimed, renewed or let go). */
  static isLeaseKey(key: string | null): boolean {
    return key === null || key.startsWith(PREFIX);
  }

  private write(): void {
    try {
      this.storage?.setItem(PREFIX + this.tab, JSON.stringify(this.held));
    } catch {
      /* full or unavailable: the tabs may meet on an item, and conflicts are still shown */
    }
  }
}
