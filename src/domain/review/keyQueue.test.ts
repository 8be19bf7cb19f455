import { describe, expect, it } from 'vitest';
import { type KeyMap, type KeyPress, KeyQueue, type Taken } from './keyQueue';

const KEYS: KeyMap = { accept: 'a', reject: 'r', fix: 'f', next: 'j', prev: 'k', help: '?' };

/**
 * A model of the review screen driven by the queue: a list of items in queue order, a decision moves
 * to the next undecided one (wrapping) or, when none is left, stays; J/K move by one; R opens the
 * reasons; Ctrl+Z withdraws the last decision and shows its item. It applies what `take` hands out,
 * the way the store does.
 */
class Screen {
  at = 0;
  decisions: string[] = [];
  drops: string[] = [];
  pending: string | null = null;
  help = false;
  constructor(
    readonly items: string[],
    readonly q: KeyQueue,
  ) {
    q.shown(items[0]);
  }
  get item() {
    return this.items[this.at];
  }
  show(i: number) {
    this.at = i;
    this.pending = null;
    this.q.shown(this.items[i]);
  }
  private decided = (id: string) => this.decisions.some((d) => d.startsWith(`${id} `));
  /** The effects of a taken command, reported back to the queue (`shown`) as the store does. */
  apply(t: Taken): void {
    if ('dropped' in t) {
      this.drops.push(`${t.cmd.label}:${t.dropped}`);
      return;
    }
    const a = t.cmd.action;
    if (a.type === 'decide') {
      expect(t.item).toBe(this.item);
      this.decisions.push(`${t.item} ${a.verdict}${a.reasons ? ` ${a.reasons.join(',')}` : ''}`);
      for (let k = 1; k < this.items.length; k++) {
        const i = (this.at + k) % this.items.length;
        if (!this.decided(this.items[i])) return this.show(i);
      }
      this.pending = null;
    } else if (a.type === 'open') this.pending = a.form;
    else if (a.type === 'step') {
      const i = Math.max(0, Math.min(this.items.length - 1, this.at + a.by));
      if (i !== this.at) this.show(i);
    } else if (a.type === 'undo') {
      const last = this.decisions.pop();
      if (last) this.show(this.items.indexOf(last.split(' ')[0]));
    } else if (a.type === 'help') this.help = !this.help;
    else if (this.help) this.help = false;
    else this.pending = null;
  }
  /** Runs everything queued, one command after the other. */
  drain(): void {
    for (let t = this.q.take(); t; t = this.q.take()) {
      this.apply(t);
      this.q.done();
    }
  }
}

const items = (n: number) => Array.from({ length: n }, (_, i) => `i${i}`);
const press = (q: KeyQueue, key: string, extra: Partial<KeyPress> = {}) => q.press({ key, ...extra }, KEYS);
const typeAll = (q: KeyQueue, keys: string) => {
  for (const k of keys.split(' ')) press(q, k);
};

describe('KeyQueue: keys typed faster than the screen follows', () => {
  it('50 accepts typed before any is applied decide 50 distinct items, in queue order', () => {
    const q = new KeyQueue();
    const s = new Screen(items(80), q);
    for (let i = 0; i < 50; i++) press(q, 'a');
    expect(q.size).toBe(50);
    s.drain();
    expect(s.decisions).toEqual(items(50).map((id) => `${id} accept`));
    expect(s.item).toBe('i50');
    expect(s.drops).toEqual([]);
  });

  it('a r 3 typed at once: accept the first item, reject the second for reason 3', () => {
    const q = new KeyQueue();
    const s = new Screen(items(10), q);
    typeAll(q, 'a r 3 a r 3');
    s.drain();
    expect(s.decisions).toEqual(['i0 accept', 'i1 reject ambiguous-answer', 'i2 accept', 'i3 reject ambiguous-answer']);
  });

  it('keys pressed while a decision is being saved wait for it, whatever the interleaving', () => {
    const q = new KeyQueue();
    const s = new Screen(items(10), q);
    press(q, 'a');
    const t = q.take()!; // the save of i0 has started: i0 is still on screen
    press(q, 'r');
    press(q, '2');
    expect(q.take()).toBeNull(); // one at a time
    s.apply(t); // i1 shown
    press(q, 'a');
    q.done();
    s.drain();
    expect(s.decisions).toEqual(['i0 accept', 'i1 reject incorrect-choices', 'i2 accept']);
  });

  it('random key strings with random interleavings of saving and drawing give what an instant screen gives', () => {
    let seed = 11;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const alphabet = ['a', 'a', 'a', 'r', '1', '3', '6', 'j', 'k', 'x', 'f', 'Escape', 'z', '?'];
    for (let trial = 0; trial < 400; trial++) {
      const keys = Array.from({ length: 5 + Math.floor(rnd() * 30) }, () => alphabet[Math.floor(rnd() * alphabet.length)]);
      const press1 = (q: KeyQueue, k: string) => (k === 'z' ? press(q, 'z', { ctrl: true }) : press(q, k));
      // instant: each key fully applied before the next is pressed
      const qi = new KeyQueue();
      const instant = new Screen(items(200), qi);
      for (const k of keys) {
        press1(qi, k);
        instant.drain();
      }
      // queued: presses land between take, the drawing of the next item, and done
      const qq = new KeyQueue();
      const queued = new Screen(items(200), qq);
      let k = 0;
      let phase: { t: Taken; drawn: boolean } | null = null;
      while (k < keys.length || qq.size) {
        if (k < keys.length && rnd() < 0.5) press1(qq, keys[k++]);
        else if (!phase) {
          const t = qq.take();
          if (t) phase = { t, drawn: false };
          else if (k < keys.length) press1(qq, keys[k++]);
        } else if (!phase.drawn) {
          queued.apply(phase.t);
          phase.drawn = true;
        } else {
          qq.done();
          phase = null;
        }
      }
      expect({ keys: keys.join(' '), decisions: queued.decisions, at: queued.at }).toEqual({ keys: keys.join(' '), decisions: instant.decisions, at: instant.at });
    }
  });
});

describe('KeyQueue: never one item decided twice by accident', () => {
  it('keys typed ahead past the last undecided item are dropped, not applied to the item just decided', () => {
    const q = new KeyQueue();
    const s = new Screen(items(3), q);
    typeAll(q, 'a a a a a');
    s.drain();
    expect(s.decisions).toEqual(['i0 accept', 'i1 accept', 'i2 accept']);
    expect(s.drops).toEqual(['a:decided-ahead', 'a:decided-ahead']);
    // with the decided item settled on screen, a key is deliberate: a change of mind applies
    press(q, 'r');
    press(q, '1');
    s.drain();
    expect(s.decisions.at(-1)).toBe('i2 reject vague-stem');
  });

  it('a r 3 on the last item: the reject and its reason are dropped together', () => {
    const q = new KeyQueue();
    const s = new Screen(items(1), q);
    typeAll(q, 'a r 3');
    s.drain();
    expect(s.decisions).toEqual(['i0 accept']);
    expect(s.drops).toEqual(['r:decided-ahead', '3:decided-ahead']);
  });

  it('auto-repeat never decides; a held arrow moves only when nothing waits', () => {
    const q = new KeyQueue();
    const s = new Screen(items(10), q);
    press(q, 'a');
    for (let i = 0; i < 20; i++) expect(press(q, 'a', { repeat: true })).toEqual({ handled: true });
    s.drain();
    expect(s.decisions).toEqual(['i0 accept']);
    // held J: each repeat moves while the queue is empty, and none piles up behind a move
    press(q, 'j');
    expect(press(q, 'j', { repeat: true }).queued).toBeUndefined();
    s.drain();
    expect(press(q, 'j', { repeat: true }).queued?.action).toEqual({ type: 'step', by: 1 });
    s.drain();
    expect(s.item).toBe('i3');
    // a held R or digit does nothing more than its first press
    press(q, 'r');
    press(q, 'r', { repeat: true });
    press(q, '2');
    press(q, '2', { repeat: true });
    s.drain();
    expect(s.decisions).toEqual(['i0 accept', 'i3 reject incorrect-choices']);
  });

  it('a failed save drops the keys typed after it (they were meant for the items it would have shown)', () => {
    const q = new KeyQueue();
    const s = new Screen(items(10), q);
    typeAll(q, 'a a r 2');
    const t = q.take()!;
    expect('dropped' in t).toBe(false);
    expect(q.done(false)).toBe(3);
    expect(q.size).toBe(0);
    s.drain();
    expect(s.decisions).toEqual([]);
    // and the keyboard works again afterwards
    press(q, 'a');
    s.drain();
    expect(s.decisions).toEqual(['i0 accept']);
  });
});

describe('KeyQueue: sequences, modifiers and focus', () => {
  it('a reason digit belongs to its R: another item shown in between drops it', () => {
    const q = new KeyQueue();
    const s = new Screen(items(10), q);
    press(q, 'r');
    s.drain();
    expect(s.pending).toBe('reject');
    s.show(5); // a click in the queue
    expect(press(q, '3')).toEqual({ handled: false });
    s.drain();
    expect(s.decisions).toEqual([]);
    // R, then a move key: the reject ends, the move happens, the digit is not a reason any more
    typeAll(q, 'r j 3');
    s.drain();
    expect(s.decisions).toEqual([]);
    expect(s.item).toBe('i6');
    // R, Esc, digit: nothing
    typeAll(q, 'r Escape 3');
    s.drain();
    expect(s.decisions).toEqual([]);
    // R then 6 (other) opens the comment box on that item
    typeAll(q, 'r 6');
    s.drain();
    expect(s.pending).toBe('comment');
  });

  it('the Reject button waits for its digit like R; the Accept button queues behind typed keys', () => {
    const q = new KeyQueue();
    const s = new Screen(items(10), q);
    q.act({ type: 'open', form: 'reject' }, 'Reject');
    press(q, '5');
    s.drain();
    expect(s.decisions).toEqual(['i0 reject bad-3d']);
    press(q, 'a');
    q.act({ type: 'decide', verdict: 'accept' }, 'Accept');
    s.drain();
    expect(s.decisions).toEqual(['i0 reject bad-3d', 'i1 accept', 'i2 accept']);
  });

  it('modifiers: Ctrl/Cmd combinations are the browser’s except Ctrl+Z; Alt is never ours; Shift+A accepts', () => {
    const q = new KeyQueue();
    const s = new Screen(items(10), q);
    for (const m of [{ ctrl: true }, { meta: true }, { alt: true }, { ctrl: true, shift: true }]) {
      expect(press(q, 'a', m)).toEqual({ handled: false });
      expect(press(q, 'r', m)).toEqual({ handled: false });
    }
    expect(press(q, 'z', { ctrl: true, shift: true })).toEqual({ handled: false });
    expect(q.size).toBe(0);
    expect(press(q, 'A', { shift: true }).queued?.action).toEqual({ type: 'decide', verdict: 'accept' });
    expect(press(q, 'z', { ctrl: true }).queued?.action).toEqual({ type: 'undo' });
    expect(press(q, 'Z', { meta: true }).queued?.action).toEqual({ type: 'undo' });
    s.drain();
    expect(s.decisions).toEqual([]);
    expect(s.item).toBe('i0');
  });

  it('keys typed in a text field (a fix form, the comment box, the search) are the field’s; in a menu, arrows and Enter are the menu’s', () => {
    const q = new KeyQueue();
    const s = new Screen(items(10), q);
    for (const k of ['a', 'r', '3', 'j', 'Escape', 'z']) expect(press(q, k, { focus: 'text' })).toEqual({ handled: false });
    expect(press(q, 'z', { focus: 'text', ctrl: true })).toEqual({ handled: false });
    for (const k of ['ArrowDown', 'ArrowUp', ' ', 'Enter']) expect(press(q, k, { focus: 'menu' })).toEqual({ handled: false });
    expect(q.size).toBe(0);
    // a letter in a menu still decides
    press(q, 'a', { focus: 'menu' });
    s.drain();
    expect(s.decisions).toEqual(['i0 accept']);
  });

  it('rebound keys: the map given at each press is used; digits stay the reasons', () => {
    const q = new KeyQueue();
    const s = new Screen(items(10), q);
    const keys = { ...KEYS, accept: 'y', reject: 'n' };
    expect(q.press({ key: 'a' }, keys)).toEqual({ handled: false });
    q.press({ key: 'y' }, keys);
    q.press({ key: 'n' }, keys);
    q.press({ key: '4' }, keys);
    s.drain();
    expect(s.decisions).toEqual(['i0 accept', 'i1 reject factual-inconsistency']);
  });

  it('help and Escape: ? toggles the help; Esc closes it, else cancels what is open', () => {
    const q = new KeyQueue();
    const s = new Screen(items(10), q);
    typeAll(q, '? Escape f');
    s.drain();
    expect(s.help).toBe(false);
    expect(s.pending).toBe('fix');
    press(q, 'Escape');
    s.drain();
    expect(s.pending).toBeNull();
  });

  it('no item on screen: decisions are dropped and said', () => {
    const q = new KeyQueue();
    press(q, 'a');
    const t = q.take()!;
    expect(t).toMatchObject({ dropped: 'no-item' });
    q.done();
  });
});

describe('KeyQueue: blind review', () => {
  const blind = (q: KeyQueue, key: string, extra: Partial<KeyPress> = {}) => q.press({ key, ...extra }, KEYS, { blind: true });

  it('letters that may answer an item are queued as keys bound to their item, resolved when applied', () => {
    const q = new KeyQueue();
    q.shown('i0');
    for (const k of ['b', 'A', 't', 'f', 'x']) expect(blind(q, k).queued?.action).toEqual({ type: 'key', key: k.toLowerCase() });
    // R, J/K, digits and help keep their meaning: no option letter is R, J or K
    expect(blind(q, 'r').queued?.action).toEqual({ type: 'open', form: 'reject' });
    expect(blind(q, '3').queued?.action).toMatchObject({ type: 'decide', verdict: 'reject' });
    expect(blind(q, 'j').queued?.action).toEqual({ type: 'step', by: 1 });
    // a held letter answers nothing and decides nothing
    expect(blind(q, 'a', { repeat: true }).queued).toBeUndefined();
    // outside blind review a letter bound to nothing is not the review's
    expect(press(q, 'b').handled).toBe(false);
  });

  it('a letter is bound to the item on screen like a decision: typed ahead, it lands on the next item', () => {
    const q = new KeyQueue();
    q.shown('i0');
    blind(q, 'b'); // the answer to i0
    blind(q, 'a'); // then accept i0 (the runner resolves it to a decision)
    blind(q, 'c'); // the answer to the item that follows
    const first = q.take()!;
    expect(first).toMatchObject({ item: 'i0', cmd: { action: { type: 'key', key: 'b' } } });
    q.done();
    const second = q.take()!;
    expect(second).toMatchObject({ item: 'i0', cmd: { action: { type: 'key', key: 'a' } } });
    if (!('dropped' in second)) q.decidedBy(second.view, second.cmd.seq);
    q.shown('i1');
    q.done();
    expect(q.take()).toMatchObject({ item: 'i1', cmd: { action: { type: 'key', key: 'c' } } });
    q.done();
  });

  it('a letter resolved to a decision counts as one: another typed before it was saved cannot decide the same view', () => {
    const q = new KeyQueue();
    q.shown('i0');
    blind(q, 'a');
    blind(q, 'a');
    const t = q.take()!;
    if (!('dropped' in t)) q.decidedBy(t.view, t.cmd.seq);
    // the decided item stays on screen (nothing follows it): the second A was typed before it was saved
    q.done();
    expect(q.take()).toMatchObject({ dropped: 'decided-ahead' });
    q.done();
  });
});
