// The item under review: showing it (its photos, its scene, the answer recomputed from the scene),
// moving through the list, deciding (written to storage before the next item is shown), undo, the
// fix, and blind review's own answer.
import { type Recomputed, recompute } from '../../domain/qa/generate/recompute';
import { nextUndecided } from '../../domain/review/queue';
import { decisionTime } from '../../domain/review/order';
import { undoRecord } from '../../domain/review/state';
import { checkFix } from '../../domain/review/fixCheck';
import { blindAsk, blindPrompt, judgeBlind } from '../../domain/review/blind';
import { REVIEW_SCHEMA, type ReviewDecision, type StoredDecision } from '../../domain/review/types';
import { type Ctx, afterPaint, broadcast, fail, noteConflicts, perspective, pickNext } from './context';
import { type Current, type ReviewStoreState, isRevealed } from './types';
import { clearMarkDraft, correctionsOf, marksOnShow } from './marks';

const answerFirst = (cur: Current) => `Blind review: ${blindPrompt(blindAsk(cur.stored.item)).replace(/^Your answer first/, 'your answer first')}`;

const iso = (c: Ctx) => new Date(c.deps.clock.now()).toISOString();

type SessionActions =
  | 'current'
  | 'pending'
  | 'helpOpen'
  | 'busy'
  | 'message'
  | 'blind'
  | 'answered'
  | 'conflicts'
  | 'show'
  | 'step'
  | 'decide'
  | 'undo'
  | 'setPending'
  | 'setHelp'
  | 'setBlind'
  | 'answerBlind'
  | 'dismissConflict'
  | 'previewBoxes'
  | 'setPreviewBoxes'
  | 'liftedPhotos'
  | 'photoLifting'
  | 'scenesChanged'
  | 'dismiss';

export const sessionSlice = (c: Ctx): Pick<ReviewStoreState, SessionActions> => ({
  current: null,
  pending: null,
  helpOpen: false,
  busy: null,
  message: null,
  blind: false,
  answered: null,
  conflicts: [],
  previewBoxes: null,
  liftedPhotos: [],

  async show(id) {
    const { session, project, rows } = c.get();
    const { storage, photos } = c.deps;
    const row = session.rowOf(rows, id);
    const stored = row && (await storage.getItem(row, project));
    if (!row || !stored) return;
    const found = await session.sceneOf(storage, stored.item.spatial_lens.scene);
    const scene = found?.file ?? null;
    const images = await photos.imagesOf(stored, found);
    let recomputed: Recomputed | null = null;
    if (scene) {
      try {
        recomputed = recompute(stored.item, scene);
      } catch (e) {
        recomputed = { status: 'invalid', reason: (e as Error).message };
      }
    }
    const s = c.get().session;
    const answered = s.blindAnswer(c.get().reviewer, id) ?? s.log.latestBy(id, c.get().reviewer)?.blind ?? null;
    c.set({ current: { row, stored, images, startedAt: iso(c), scene, scenePhoto: found?.photo ?? null, recomputed, decisions: s.log.byReviewer(id) }, pending: null, answered, ...marksOnShow(c, id, images.length) });
  },

  async step(by) {
    const { listed, current } = c.get();
    if (!listed.length) return;
    const at = current ? listed.findIndex((r) => r.id === current.row.id) : -1;
    const next = at < 0 ? (by > 0 ? 0 : listed.length - 1) : Math.max(0, Math.min(listed.length - 1, at + by));
    if (next === at) return;
    await c.get().show(listed[next].id);
  },

  async decide(verdict, opts = {}) {
    const cur = c.get().current;
    if (!cur || c.get().busy) return false;
    if (verdict === 'fix' && opts.edits) {
      // a fix of the wrong kind (a letter not among the options, a number without its unit) is never stored
      const checked = checkFix(cur.stored.item, opts.edits);
      if (!checked.ok) {
        c.set({ message: { kind: 'error', text: `The fix was not saved: ${checked.message}` } });
        return false;
      }
      opts = { ...opts, edits: checked.edits };
    }
    // blind review: a verdict on the key waits for the reviewer's own answer (a reject does not)
    if (c.get().blind && verdict !== 'reject' && !isRevealed(c.get())) {
      c.set({ message: { kind: 'info', text: answerFirst(cur) } });
      return false;
    }
    const session = c.get().session;
    const d: ReviewDecision = {
      schema: REVIEW_SCHEMA,
      item: cur.row.id,
      decision: verdict,
      reviewer: c.get().reviewer,
      startedAt: cur.startedAt,
      // after the decision on screen even when this clock is behind the one that made it
      decidedAt: decisionTime(new Date(c.deps.clock.now()), session.log.latest(cur.row.id)?.decidedAt),
    };
    if (opts.reasons?.length) d.reasons = opts.reasons;
    if (opts.comment) d.comment = opts.comment;
    if (opts.edits && Object.keys(opts.edits).length) d.edits = opts.edits;
    const blind = c.get().blind ? c.get().answered : null;
    if (blind) d.blind = blind;
    // the reviewer's marks go with the decision on the item they were made on
    const marks = correctionsOf(c.get());
    if (marks.length) d.marks = marks;
    try {
      // committed before anything moves: a crash after this line loses nothing
      const rec = await c.deps.storage.appendDecision(d, c.get().project, c.deps.ids.uid());
      session.setBlindAnswer(d.reviewer, d.item, null);
      session.wrote(rec);
      clearMarkDraft(c, d.item);
      broadcast(c);
      noteConflicts(c, [cur.row.id]);
      // the next item first (the list as it was still has it in order), the counts after it is drawn
      const next = pickNext(c, c.get().listed, cur.row);
      if (next) await c.get().show(next.id);
      else {
        // the same showing, with its decision: keys typed ahead must not take it for a new one
        const now = c.get().current;
        c.set({ ...(now?.row.id === cur.row.id ? { current: { ...now, decisions: session.log.byReviewer(cur.row.id) } } : {}), pending: null, message: { kind: 'info', text: 'Every item in this view is decided.' } });
      }
      afterPaint(() => {
        c.relist(false);
        if (next) void c.deps.photos.prefetch(nextUndecided(c.get().listed, next, c.get().session.log, { perspective: perspective(c) }), c.get().project);
      });
      return true;
    } catch (e) {
      fail(c, e, 'Saving the decision');
      return false;
    }
  },

  async undo() {
    const session = c.get().session;
    const first = session.own.firstKey;
    const target = first === undefined ? undefined : session.log.undoTarget(c.get().reviewer, { sinceKey: first });
    if (!target) return c.set({ message: { kind: 'info', text: 'Nothing to undo: no decision of yours in this session is left.' } });
    try {
      const rec = undoRecord(target, c.get().reviewer, c.deps.ids.uid(), iso(c));
      const { key: _k, uid: u, project, ...rest } = rec;
      const stored: StoredDecision = await c.deps.storage.appendDecision(rest, project, u);
      session.log.apply(stored);
      broadcast(c);
      noteConflicts(c, [target.item]);
      c.relist(false);
      // the withdrawn decision's blind answer stays given: the key was seen
      if (target.blind) session.setBlindAnswer(target.reviewer, target.item, target.blind);
      await c.get().show(target.item);
      c.set({ message: { kind: 'info', text: `Undid the ${target.decision} of ${target.item}.` } });
    } catch (e) {
      fail(c, e, 'Undo');
    }
  },

  setPending: (pending) => {
    const cur = c.get().current;
    // the fix form shows the answer: in blind review it opens once the reviewer has answered
    if (pending?.kind === 'fix' && cur && c.get().blind && !isRevealed(c.get())) return c.set({ message: { kind: 'info', text: answerFirst(cur) } });
    c.set({ pending });
  },
  setHelp: (helpOpen) => c.set({ helpOpen }),

  async setBlind(on) {
    const was = c.get().blind;
    // the box follows the click at once; the setting is stored right after
    c.set({ blind: on });
    try {
      const p = await c.deps.storage.setProjectBlind(c.get().project, on);
      c.set({ projects: c.get().projects.map((x) => (x.id === p.id ? p : x)) });
      broadcast(c);
      const cur = c.get().current;
      if (cur) await c.get().show(cur.row.id);
    } catch (e) {
      c.set({ blind: was });
      fail(c, e, 'Saving the blind review setting');
    }
  },
  answerBlind(answer) {
    const cur = c.get().current;
    if (!cur || !c.get().blind || isRevealed(c.get())) return;
    const b = judgeBlind(cur.stored.item, answer);
    c.get().session.setBlindAnswer(c.get().reviewer, cur.row.id, b);
    c.set({ answered: b });
  },

  dismissConflict: (item) => c.set({ conflicts: c.get().conflicts.filter((x) => x.item !== item) }),
  setPreviewBoxes: (previewBoxes) => c.set({ previewBoxes }),
  photoLifting: (p) => c.set((s) => ({ liftedPhotos: [p, ...s.liftedPhotos.filter((x) => x.path !== p.path)].slice(0, 50) })),
  scenesChanged: () => c.get().session.scenesChanged(),
  dismiss: () => c.set({ message: null }),
});
