// Runs the review keyboard's queue (domain/review/keyQueue) against the review store: one command
// at a time, each on the item the queue resolved, the next one only once the previous decision is
// committed and its next item drawn. Buttons and forms go through the same queue, so a click and a
// key typed just before it keep their order.
import { createStore } from 'zustand/vanilla';
import { type KeyAction, type KeyPress, KeyQueue, type PressResult, type Taken, dropMessage } from '../../domain/review/keyQueue';
import { blindAsk, blindKey } from '../../domain/review/blind';
import type { ReviewStore } from './store';
import { isRevealed } from './types';

export interface KeyQueueState {
  /** Commands waiting or running (shown while the screen catches up with fast typing). */
  waiting: number;
}

export function createReviewKeys(store: ReviewStore) {
  const q = new KeyQueue();
  const status = createStore<KeyQueueState>()(() => ({ waiting: 0 }));
  const publish = () => {
    if (status.getState().waiting !== q.size) status.setState({ waiting: q.size });
  };
  // every item drawn is a new view: a fresh showing of an item, even the same one again
  store.subscribe((s, prev) => {
    const c = s.current;
    const p = prev.current;
    if (c?.row.id !== p?.row.id || c?.startedAt !== p?.startedAt) q.shown(c?.row.id ?? null);
  });
  const say = (text: string, kind: 'info' | 'error' = 'info') => store.setState({ message: { kind, text } });

  const run = async (t: Exclude<Taken, { dropped: unknown }>): Promise<boolean> => {
    const r = store.getState();
    const a = t.cmd.action;
    switch (a.type) {
      case 'decide':
        // the queue resolved the item on screen; a decision is only ever made on that item
        if (r.current?.row.id !== t.item) return false;
        if (r.busy) {
          say(`${t.cmd.label.length === 1 ? `Key ${t.cmd.label.toUpperCase()}` : t.cmd.label} ignored: ${r.busy.label.toLowerCase()} is in progress; decide once it is done.`, 'error');
          return false;
        }
        return r.decide(a.verdict, { reasons: a.reasons, comment: a.comment, edits: a.edits });
      case 'open':
        r.setPending(a.form === 'comment' ? { kind: 'comment', reasons: a.reasons ?? ['other'] } : { kind: a.form });
        return true;
      case 'step':
        await r.step(a.by);
        return true;
      case 'undo':
        // Ctrl+Z right after a mark correction takes the correction back, not the last decision (the
        // decision bar's Undo button still undoes the decision)
        if (t.cmd.label === 'Ctrl+Z' && r.current && r.markEdit.item === r.current.row.id && r.markEdit.history.length) r.undoMark();
        else await r.undo();
        return true;
      case 'help':
        r.setHelp(!r.helpOpen);
        return true;
      case 'escape':
        if (r.helpOpen) r.setHelp(false);
        else if (r.markEdit.placing) r.cancelPlacing();
        else r.setPending(null);
        return true;
      case 'key': {
        if (r.current?.row.id !== t.item) return false;
        const K = a.key.toUpperCase();
        if (r.blind && !isRevealed(r)) {
          // still unanswered: the letter is the reviewer's answer (or X: show the key)
          const hit = blindKey(blindAsk(r.current.stored.item), a.key);
          if (hit) r.answerBlind('answer' in hit ? hit.answer : null);
          else say(`Key ${K} is not an answer to this item: give your own answer first (blind review).`);
          return true;
        }
        // answered (or blind review turned off meanwhile): the letter does what it is bound to
        const k = r.keys;
        if (a.key === k.accept) {
          if (r.busy) {
            say(`Key ${K} ignored: ${r.busy.label.toLowerCase()} is in progress; decide once it is done.`, 'error');
            return false;
          }
          q.decidedBy(t.view, t.cmd.seq);
          return r.decide('accept');
        }
        if (a.key === k.fix) r.setPending({ kind: 'fix' });
        else if (a.key === k.reject) r.setPending({ kind: 'reject' });
        else if (a.key === k.next) await r.step(1);
        else if (a.key === k.prev) await r.step(-1);
        else if (a.key === k.help) r.setHelp(!r.helpOpen);
        return true;
      }
    }
  };

  let pumping = false;
  // starts synchronously, so a key pressed while nothing waits is taken on the item it was pressed on
  const pump = async () => {
    if (pumping) return;
    pumping = true;
    try {
      for (let t = q.take(); t; t = q.take()) {
        publish();
        let ok = true;
        if ('dropped' in t) say(dropMessage(t.cmd, t.dropped));
        else ok = await run(t).catch(() => false);
        const flushed = q.done(ok);
        if (flushed) say(`${flushed} key${flushed === 1 ? '' : 's'} typed after it ${flushed === 1 ? 'was' : 'were'} dropped: they were meant for the items that would have followed.`, 'error');
      }
    } finally {
      pumping = false;
      publish();
    }
  };

  return {
    status,
    /** A key event from the page (its focus already classified); whether it is the review's. */
    press(k: KeyPress): PressResult {
      const res = q.press(k, store.getState().keys, { blind: store.getState().blind });
      if (res.queued) {
        publish();
        void pump();
      }
      return res;
    },
    /** What a button or a form does, queued behind the keys typed before it. */
    act(action: KeyAction, label?: string): void {
      q.act(action, label);
      publish();
      void pump();
    },
  };
}

export type ReviewKeys = ReturnType<typeof createReviewKeys>;
