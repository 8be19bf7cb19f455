// The review keyboard as a small state machine: key events in, commands out, one command applied
// at a time. Pure: the page adapter turns DOM events into `KeyPress`es and runs what `take` hands
// out; the store reports each item it shows with `shown`.
//
// Why a queue: saving a decision (IndexedDB, strict durability) and drawing the next item take tens
// of milliseconds, and a fast reviewer types ahead. Each key is therefore applied to the item on
// screen once the keys before it have been applied, exactly as if the app were instant: `a a a`
// accepts three items in turn, `a r 3` accepts one and rejects the next for reason 3. Ignoring keys
// until the next item is drawn would lose keys a person saw themselves press; queuing loses none and
// the reviewer sees the queue drain (and can undo).
//
// Never one item decided twice by accident: an item shown once ("a view") takes at most one decision
// from keys pressed before that decision could be seen. When the keys run out of items (the last
// undecided one was just decided and nothing follows), the keys typed ahead are dropped and said so,
// instead of landing on the item just decided. A key pressed with the decided item settled on screen
// is deliberate and does apply (changing one's mind).
//
// Other rules: auto-repeat never decides (a held key acts once; only moving through the list may
// repeat, and only when nothing is waiting); keys with Ctrl/Cmd are the browser's except Ctrl+Z; keys
// with Alt are never ours; keys typed into a text field are the field's; in a menu (select, checkbox)
// the arrows, Space and Enter are the menu's. A reason digit belongs to the R before it: it applies
// to the item R was for, and if another item was shown in between, it is dropped.
//
// Blind review: until the item on screen is answered, an option letter (or T / F, or X to show the
// key) is the reviewer's answer, even a letter bound to something else (A accepts, F fixes). Whether
// an item is still unanswered is only known when the key is applied, so in blind mode such letters
// are queued as `key` commands, bound to their item like a decision and resolved by the runner.
import { REASONS, type Edits, type Reason, type Verdict } from './types';

/** The rebindable keys (single characters, lower case). */
export interface KeyMap {
  accept: string;
  reject: string;
  fix: string;
  next: string;
  prev: string;
  help: string;
}

/** Where the key was typed: the page, a text field, or a menu-like control. */
export type KeyFocus = 'page' | 'text' | 'menu';

export interface KeyPress {
  /** KeyboardEvent.key */
  key: string;
  repeat?: boolean;
  ctrl?: boolean;
  meta?: boolean;
  alt?: boolean;
  shift?: boolean;
  focus?: KeyFocus;
}

export type KeyAction =
  | { type: 'decide'; verdict: Verdict; reasons?: Reason[]; comment?: string; edits?: Edits }
  /** Opens what the item needs next: the reason list, the comment box or the fix form. */
  | { type: 'open'; form: 'reject' | 'fix' | 'comment'; reasons?: Reason[] }
  | { type: 'step'; by: 1 | -1 }
  | { type: 'undo' }
  | { type: 'help' }
  | { type: 'escape' }
  /** Blind review: a letter that answers the item if it is still unanswered, else does what it is bound to. */
  | { type: 'key'; key: string };

export interface KeyCommand {
  seq: number;
  action: KeyAction;
  /** What was typed (for messages), or the button's name. */
  label: string;
  /** The view on screen when it was pressed, and the last command finished by then. */
  pressedAt: { view: number; item: string | null; finished: number };
  /** For a reason digit: the seq of the R it completes. */
  completes?: number;
}

export type DropReason = 'decided-ahead' | 'item-changed' | 'no-item';

/** A command to run now, on `item` (null for commands that are not about an item), or dropped. */
export type Taken = { cmd: KeyCommand; item: string | null; view: number } | { cmd: KeyCommand; dropped: DropReason };

export interface PressResult {
  /** The key is the review's (the page should not act on it: preventDefault). */
  handled: boolean;
  /** The command queued, if any. */
  queued?: KeyCommand;
}

const itemBound = (a: KeyAction) => a.type === 'decide' || a.type === 'open' || a.type === 'key';
/** Letters that can answer an item under blind review: option letters, T / F, and X (show the key). */
const BLIND_LETTERS = /^[a-htfx]$/;
const NAV = new Set(['ArrowDown', 'ArrowRight', 'ArrowUp', 'ArrowLeft']);

export class KeyQueue {
  private queue: KeyCommand[] = [];
  private running: KeyCommand | null = null;
  private seq = 0;
  private finished = 0;
  private view = { n: 0, item: null as string | null };
  /** An R (or the Reject button) waiting for its reason digit. */
  private awaitingReason: number | null = null;
  /** Where each recent `open` ran (its view), or why it was dropped. */
  private opened = new Map<number, number | DropReason>();
  /** The last decision handed out: on which view, by which command. */
  private lastDecision: { view: number; seq: number } | null = null;

  /** Commands waiting or running. */
  get size(): number {
    return this.queue.length + (this.running ? 1 : 0);
  }

  /** An item was drawn (another item, or the same one shown afresh). */
  shown(item: string | null): void {
    this.view = { n: this.view.n + 1, item };
    // the reason list of an R that already ran closes when another item is shown
    if (this.awaitingReason !== null && this.opened.has(this.awaitingReason)) this.awaitingReason = null;
  }

  /** A key event; returns whether it is the review's and the command it queued. `blind`: blind review is on. */
  press(k: KeyPress, keys: KeyMap, mode: { blind?: boolean } = {}): PressResult {
    if (k.focus === 'text' || k.alt) return { handled: false };
    const key = k.key.length === 1 ? k.key.toLowerCase() : k.key;
    if (k.ctrl || k.meta) {
      if (key !== 'z' || k.shift) return { handled: false };
      if (k.repeat) return { handled: true };
      return { handled: true, queued: this.push({ type: 'undo' }, 'Ctrl+Z') };
    }
    if (k.focus === 'menu' && (NAV.has(key) || key === ' ' || key === 'Enter')) return { handled: false };
    const step = key === keys.next || key === 'ArrowDown' || key === 'ArrowRight' ? 1 : key === keys.prev || key === 'ArrowUp' || key === 'ArrowLeft' ? -1 : 0;
    if (k.repeat) {
      // a held arrow walks the list, but never piles up moves that outlive the key
      if (step && this.size === 0) return { handled: true, queued: this.push({ type: 'step', by: step }, k.key) };
      return { handled: mapped(key, keys) };
    }
    if (key === 'Escape') {
      this.awaitingReason = null;
      return { handled: true, queued: this.push({ type: 'escape' }, 'Esc') };
    }
    if (this.awaitingReason !== null) {
      const r = this.awaitingReason;
      this.awaitingReason = null;
      const n = /^[1-9]$/.test(key) ? Number(key) : 0;
      if (n >= 1 && n <= REASONS.length) {
        const reason = REASONS[n - 1];
        const action: KeyAction = reason === 'other' ? { type: 'open', form: 'comment', reasons: [reason] } : { type: 'decide', verdict: 'reject', reasons: [reason] };
        return { handled: true, queued: this.push(action, key, r) };
      }
      // any other key ends the reject and does what it does
    }
    if (mode.blind && BLIND_LETTERS.test(key)) return { handled: true, queued: this.push({ type: 'key', key }, k.key) };
    if (key === keys.help || key === '?') return { handled: true, queued: this.push({ type: 'help' }, k.key) };
    if (key === keys.accept) return { handled: true, queued: this.push({ type: 'decide', verdict: 'accept' }, k.key) };
    if (key === keys.reject) return { handled: true, queued: this.push({ type: 'open', form: 'reject' }, k.key) };
    if (key === keys.fix) return { handled: true, queued: this.push({ type: 'open', form: 'fix' }, k.key) };
    if (step) return { handled: true, queued: this.push({ type: 'step', by: step }, k.key) };
    return { handled: false };
  }

  /** A button or form does what a key does: queued behind the keys typed before it. */
  act(action: KeyAction, label: string = action.type): KeyCommand {
    this.awaitingReason = null;
    return this.push(action, label);
  }

  /**
   * The next command to run, with the item it applies to (the one on screen now: the commands before
   * it have all finished), or dropped with the reason; null while one runs or none waits.
   */
  take(): Taken | null {
    if (this.running || !this.queue.length) return null;
    const cmd = this.queue.shift()!;
    this.running = cmd;
    const { n, item } = this.view;
    if (!itemBound(cmd.action)) return { cmd, item, view: n };
    const drop = this.dropReason(cmd, n, item);
    if (cmd.action.type === 'open') this.remember(cmd.seq, drop ?? n);
    if (drop) return { cmd, dropped: drop };
    if (cmd.action.type === 'decide') this.lastDecision = { view: n, seq: cmd.seq };
    return { cmd, item, view: n };
  }

  /** A `key` command the runner resolved to a decision: later keys typed before it finished must not decide the same view again. */
  decidedBy(view: number, seq: number): void {
    this.lastDecision = { view, seq };
  }

  /**
   * The command taken last has finished (its new item, if any, already reported by `shown`). When it
   * failed, the keys typed after it are dropped (they were meant for what it would have shown);
   * returns how many.
   */
  done(ok = true): number {
    if (!this.running) return 0;
    this.finished = this.running.seq;
    this.running = null;
    if (ok) return 0;
    const n = this.queue.length;
    this.queue = [];
    this.awaitingReason = null;
    return n;
  }

  private dropReason(cmd: KeyCommand, view: number, item: string | null): DropReason | undefined {
    if (cmd.completes !== undefined) {
      const at = this.opened.get(cmd.completes);
      if (typeof at === 'string') return at;
      if (at !== view) return 'item-changed';
    }
    if (item === null) return 'no-item';
    // decided on this view by a command that had not finished when this key was pressed
    if (this.lastDecision && this.lastDecision.view === view && this.lastDecision.seq > cmd.pressedAt.finished) return 'decided-ahead';
    return undefined;
  }

  private remember(seq: number, at: number | DropReason): void {
    this.opened.set(seq, at);
    if (this.opened.size > 16) this.opened.delete(this.opened.keys().next().value!);
  }

  private push(action: KeyAction, label: string, completes?: number): KeyCommand {
    const cmd: KeyCommand = { seq: ++this.seq, action, label, pressedAt: { view: this.view.n, item: this.view.item, finished: this.finished } };
    if (completes !== undefined) cmd.completes = completes;
    this.queue.push(cmd);
    if (action.type === 'open' && action.form === 'reject') this.awaitingReason = cmd.seq;
    return cmd;
  }
}

function mapped(key: string, keys: KeyMap): boolean {
  return NAV.has(key) || key === '?' || Object.values(keys).includes(key) || /^[1-9]$/.test(key);
}

/** Why a key was dropped, in words for the reviewer. */
export function dropMessage(cmd: KeyCommand, reason: DropReason): string {
  const what = cmd.label.length === 1 ? `Key ${cmd.label.toUpperCase()}` : cmd.label;
  if (reason === 'decided-ahead') return `${what} ignored: it was typed before the decision of the item before it was saved, and no next item was left for it (the decided item keeps its decision).`;
  if (reason === 'item-changed') return `${what} ignored: another item was shown after the reject it belongs to.`;
  return `${what} ignored: no item is on screen.`;
}
