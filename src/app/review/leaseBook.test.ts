import { describe, expect, it } from 'vitest';
import { LEASE_MS, RENEW_MS, claimLease, heldByOthers, parseLease } from '../../domain/review/leases';
import { MemoryLocalStorage } from '../testing/reviewTestApp';
import { LeaseBook } from './leaseBook';

describe('leases (fake clock)', () => {
  it('another tab of the same reviewer and project holds its item until the lease lapses; renewing keeps it', () => {
    let now = 1_000_000;
    const clock = () => now;
    const storage = new MemoryLocalStorage();
    const a = new LeaseBook(storage, clock, 'tab-a');
    const b = new LeaseBook(storage, clock, 'tab-b');
    a.claim('p', 'ana', 'item-1');
    expect(b.others('p', 'ana')).toEqual(new Set(['item-1']));
    // a tab does not skip its own item; another reviewer or project is not held back
    expect(a.others('p', 'ana')).toEqual(new Set());
    expect(b.others('p', 'ben')).toEqual(new Set());
    expect(b.others('q', 'ana')).toEqual(new Set());
    // renewed every RENEW_MS while shown: held for as long as it is on screen
    for (let k = 0; k < 10; k++) {
      now += RENEW_MS;
      a.renew();
    }
    expect(b.others('p', 'ana')).toEqual(new Set(['item-1']));
    // the tab dies (no renewal): free once LEASE_MS have passed, not before
    now += LEASE_MS - 1;
    expect(b.others('p', 'ana')).toEqual(new Set(['item-1']));
    now += 1;
    expect(b.others('p', 'ana')).toEqual(new Set());
    // long dead: its key is swept by the next reader
    now += LEASE_MS + 1;
    b.others('p', 'ana');
    expect(storage.keys()).toEqual([]);
  });

  it('a tab holds one item: showing the next moves its lease; closing lets it go at once', () => {
    const now = 5_000;
    const storage = new MemoryLocalStorage();
    const a = new LeaseBook(storage, () => now, 'tab-a');
    const b = new LeaseBook(storage, () => now, 'tab-b');
    a.claim('p', 'ana', 'i1');
    a.claim('p', 'ana', 'i2');
    expect(b.others('p', 'ana')).toEqual(new Set(['i2']));
    b.claim('p', 'ana', 'i3');
    expect(a.others('p', 'ana')).toEqual(new Set(['i3']));
    a.release();
    expect(b.others('p', 'ana')).toEqual(new Set());
    a.claim('p', 'ana', null);
    expect(a.item).toBeNull();
  });

  it('malformed or foreign keys are no leases; no storage at all is no leases', () => {
    const storage = new MemoryLocalStorage();
    storage.setItem('spatial-lens:lease:x', '{"tab":"x"');
    storage.setItem('spatial-lens:lease:y', JSON.stringify({ tab: 'y', project: 'p', reviewer: 'ana', item: 'i', expires: 'soon' }));
    storage.setItem('spatial-lens:reviewer', 'ana');
    const b = new LeaseBook(storage, () => 0, 'b');
    expect(b.others('p', 'ana')).toEqual(new Set());
    expect(storage.keys()).toEqual(['spatial-lens:reviewer']);
    expect(new LeaseBook(null).others('p', 'ana')).toEqual(new Set());
    expect(parseLease(null)).toBeNull();
    expect(heldByOthers([claimLease({ tab: 't', project: 'p', reviewer: 'r' }, 'i', 0)], { tab: 'u', project: 'p', reviewer: 'r' }, LEASE_MS)).toEqual(new Set());
  });

  it('when the open tabs are known, a dead tab’s lease is ignored at once (a crash), a fresh one is trusted', () => {
    let now = 100_000;
    const storage = new MemoryLocalStorage();
    const dead = new LeaseBook(storage, () => now, 'dead');
    const b = new LeaseBook(storage, () => now, 'b');
    dead.claim('p', 'ana', 'i1');
    // just written: counted even though its tab is not (yet) known to be open
    b.alive = new Set(['b']);
    expect(b.others('p', 'ana')).toEqual(new Set(['i1']));
    now += 1_001;
    expect(b.others('p', 'ana')).toEqual(new Set());
    // a tab that is open keeps its lease however old the last renewal
    b.alive = new Set(['b', 'dead']);
    now += 30_000;
    expect(b.others('p', 'ana')).toEqual(new Set(['i1']));
    // and with nothing known, time alone
    b.alive = undefined;
    expect(b.others('p', 'ana')).toEqual(new Set(['i1']));
  });
});
