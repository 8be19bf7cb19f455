// The reviewer correcting the marks found in the item's photos: dragging a found mark, choosing one
// of a doubled mark's candidates, placing a missing one by clicking (a box by dragging corner to
// corner), undo. Corrections belong to one item: a gesture begun on an item never lands on another,
// and they are saved with the decision on that item (`marks`), kept as a draft until then so a
// reload does not lose them. Pointer positions come in as continuous image coordinates (the
// component maps the screen to the image); the hit tolerance in image pixels with them.
import type { MarkColour } from '../../domain/qa/types';
import { type HandlePart, type ImageSize, boxFrom, dragged, hitHandle, onImage, pointAt } from '../../domain/image/markHandles';
import { type LocatedMark, type MarkCorrection, type MarkKind, markKey, markStatus, parseMarkCorrections, withCorrection } from '../../domain/review/markCorrections';
import { marksNamed } from '../../domain/qa/audit/measureItem';
import type { Ctx } from './context';
import { type FoundMarks, NO_FOUND_MARKS, foundMarksOf } from './foundMarks';
import type { ReviewStoreState } from './types';

/** A pointer on one of the item's images. */
export interface MarkPointer {
  /** The item the image belongs to (what the pointer went down on, whatever is on screen now). */
  item: string;
  image: number;
  /** Continuous image coordinates (pixel (0, 0) covers 0…1). */
  x: number;
  y: number;
  size: ImageSize;
  /** How near a handle counts as on it, image pixels. */
  tolerance: number;
}

export interface MarkEdit {
  /** The item the corrections are for. */
  item: string | null;
  corrections: MarkCorrection[];
  /** The corrections before each change, for undo (this showing's changes only). */
  history: MarkCorrection[][];
  /** Placing a mark by clicking (a box by dragging); `from`: where a box's drag began. */
  placing: { item: string; color: MarkColour; kind: MarkKind; from?: { image: number; at: [number, number] }; preview?: LocatedMark } | null;
  /** A handle being dragged: the mark as it was, and as it is now. */
  drag: { item: string; image: number; part: HandlePart; from: [number, number]; mark: LocatedMark; preview: LocatedMark; moved: boolean } | null;
  /** The last message these use cases gave (taken down when another item is shown). */
  said?: string;
}

export interface MarksSlice {
  /** The last measurement's marks for the item on screen (found ones, and those measured). */
  foundMarks: FoundMarks;
  markEdit: MarkEdit;
  /** A measurement of `itemId` came back. */
  setFoundMarks(itemId: string, audit: Parameters<typeof foundMarksOf>[1]): void;
  /** Starts placing a mark of this colour and kind on the item on screen (a click places it). */
  startPlacing(color: MarkColour, kind: MarkKind): void;
  cancelPlacing(): void;
  markDown(p: MarkPointer): void;
  markMove(p: MarkPointer): void;
  markUp(p: MarkPointer): void;
  /** Takes back the last correction on the item on screen. */
  undoMark(): void;
}

const EMPTY: MarkEdit = { item: null, corrections: [], history: [], placing: null, drag: null };
export const MARK_DRAFT_SETTING = 'spatial-lens:marks-draft';
/** Less than this (image pixels) between down and up is a click, not a drag. */
const CLICK = 0.75;
const round2 = (x: number) => Math.round(x * 100) / 100;

/** The corrections for the item on screen (none when they belong to another). */
export const correctionsOf = (s: Pick<ReviewStoreState, 'markEdit' | 'current'>): MarkCorrection[] => (s.current && s.markEdit.item === s.current.row.id ? s.markEdit.corrections : []);

/** The marks the reviewer sees on the item on screen: found, corrected, candidates, and what is missing. */
export function shownMarks(s: Pick<ReviewStoreState, 'markEdit' | 'current' | 'foundMarks'>) {
  // a record that gives its marks as coordinates (SPAR-7M) is measured with those, not searched
  const stored = s.current?.stored.item.spatial_lens.marks ?? [];
  const found: LocatedMark[] = stored.length
    ? stored.map((m) => ({ color: m.color, kind: m.kind, image: m.image ?? 0, ...(m.uv ? { uv: m.uv } : {}), ...(m.box ? { box: m.box } : {}) }))
    : s.current && s.foundMarks.itemId === s.current.row.id
      ? s.foundMarks.found
      : [];
  return markStatus(s.current ? marksNamed(s.current.stored.item.question) : [], found, correctionsOf(s));
}

/** Undecided items' corrections kept in this browser, newest last (a reviewer moves on and comes back). */
interface Draft {
  project: string;
  item: string;
  marks: unknown;
}
/** Drafts kept at most: older ones go (a reviewer does not leave hundreds of items corrected and undecided). */
const DRAFTS = 200;

function readDrafts(c: Ctx): Draft[] {
  try {
    const d = JSON.parse(c.deps.settings.get(MARK_DRAFT_SETTING) ?? '[]') as unknown;
    return Array.isArray(d) ? d.filter((x): x is Draft => !!x && typeof x === 'object' && typeof (x as Draft).item === 'string' && typeof (x as Draft).project === 'string') : [];
  } catch {
    return [];
  }
}

function saveDrafts(c: Ctx, drafts: Draft[]): void {
  try {
    if (drafts.length) c.deps.settings.set(MARK_DRAFT_SETTING, JSON.stringify(drafts.slice(-DRAFTS)));
    else c.deps.settings.remove(MARK_DRAFT_SETTING);
  } catch {
    /* private mode: the corrections are kept with the decision only */
  }
}

const other = (c: Ctx, item: string) => (d: Draft) => d.item !== item || d.project !== c.get().project;

function writeDraft(c: Ctx, item: string, marks: MarkCorrection[]): void {
  saveDrafts(c, [...readDrafts(c).filter(other(c, item)), { project: c.get().project, item, marks }]);
}

/** After a decision on `item` stored its corrections, its draft is done with. */
export function clearMarkDraft(c: Ctx, item: string): void {
  const drafts = readDrafts(c);
  const left = drafts.filter(other(c, item));
  if (left.length !== drafts.length) saveDrafts(c, left);
}

/**
 * The corrections an item shows with when it is shown: the ones on screen when it is the same item
 * again, else the unsaved draft for it, else the reviewer's (or anyone's) latest decision's.
 */
export function marksOnShow(c: Ctx, id: string, images: number): Pick<ReviewStoreState, 'markEdit'> & Partial<Pick<ReviewStoreState, 'message'>> {
  const s = c.get();
  if (s.markEdit.item === id) return { markEdit: { ...s.markEdit, placing: null, drag: null } };
  // "the red point is moved…" said of the item before is not about this one
  const stale = s.markEdit.said && s.message?.text === s.markEdit.said ? { message: null } : {};
  const draft = readDrafts(c).find((d) => d.item === id && d.project === s.project);
  const log = s.session.log;
  const raw = draft ? draft.marks : (log.latestBy(id, s.reviewer)?.marks ?? log.latest(id)?.marks);
  // stored corrections are read like any input: a bad one is left out
  return { markEdit: { ...EMPTY, item: id, corrections: parseMarkCorrections(raw, images).marks }, ...stale };
}

export const marksSlice = (c: Ctx): MarksSlice => {
  const onScreen = (item: string) => c.get().current?.row.id === item;
  const commit = (item: string, next: MarkCorrection[], text: string) => {
    const e = c.get().markEdit;
    if (!onScreen(item) || e.item !== item) return;
    c.set({ markEdit: { ...e, corrections: next, history: [...e.history, e.corrections], placing: null, drag: null, said: text }, message: { kind: 'info', text } });
    writeDraft(c, item, next);
  };
  const correction = (m: LocatedMark): MarkCorrection => ({
    color: m.color,
    kind: m.kind,
    image: m.image,
    ...(m.uv ? { uv: [round2(m.uv[0]), round2(m.uv[1])] as [number, number] } : {}),
    ...(m.box ? { box: m.box.map(round2) as [number, number, number, number] } : {}),
    source: 'reviewer',
  });
  const where = (m: LocatedMark) => (m.uv ? `(${m.uv.map((v) => Math.round(v)).join(', ')})` : `[${m.box!.map((v) => Math.round(v)).join(', ')}]`);
  return {
    foundMarks: NO_FOUND_MARKS,
    markEdit: EMPTY,

    setFoundMarks(itemId, audit) {
      c.set({ foundMarks: foundMarksOf(itemId, audit) });
    },

    startPlacing(color, kind) {
      const cur = c.get().current;
      if (!cur || c.get().markEdit.item !== cur.row.id) return;
      const text = `Click the ${color} ${kind === 'point' ? 'point on the photo' : 'box’s first corner and drag to the other'} (Esc cancels).`;
      c.set({ markEdit: { ...c.get().markEdit, placing: { item: cur.row.id, color, kind }, drag: null, said: text }, message: { kind: 'info', text } });
    },

    cancelPlacing() {
      const e = c.get().markEdit;
      if (!e.placing) return;
      const text = `Placing the ${e.placing.color} ${e.placing.kind} cancelled.`;
      c.set({ markEdit: { ...e, placing: null, said: text }, message: { kind: 'info', text } });
    },

    markDown(p) {
      const e = c.get().markEdit;
      if (!onScreen(p.item) || e.item !== p.item) return;
      const pl = e.placing;
      if (pl) {
        if (pl.item !== p.item || !onImage(p.size, p.x, p.y)) return;
        if (pl.kind === 'point') {
          const uv = pointAt(p.x, p.y);
          commit(p.item, withCorrection(e.corrections, correction({ color: pl.color, kind: 'point', image: p.image, uv })), `The ${pl.color} point is placed at ${where({ color: pl.color, kind: 'point', image: p.image, uv })}; measuring again.`);
        } else c.set({ markEdit: { ...e, placing: { ...pl, from: { image: p.image, at: [p.x, p.y] } } } });
        return;
      }
      const shown = shownMarks(c.get()).shown;
      const hit = hitHandle(shown, p.image, p.x, p.y, p.tolerance);
      if (!hit) return;
      const mark = shown[hit.mark];
      c.set({ markEdit: { ...e, drag: { item: p.item, image: p.image, part: hit.part, from: [p.x, p.y], mark, preview: mark, moved: false } } });
    },

    markMove(p) {
      const e = c.get().markEdit;
      // a pointer still moving after the item changed (a key decided it mid-drag) is let go
      if (!onScreen(p.item) || e.item !== p.item) return;
      const pl = e.placing;
      if (pl?.from && pl.from.image === p.image) {
        c.set({ markEdit: { ...e, placing: { ...pl, preview: { color: pl.color, kind: 'box', image: p.image, box: boxFrom(pl.from.at, [p.x, p.y], p.size) } } } });
        return;
      }
      const d = e.drag;
      if (!d || d.item !== p.item || d.image !== p.image) return;
      const dx = p.x - d.from[0],
        dy = p.y - d.from[1];
      c.set({ markEdit: { ...e, drag: { ...d, preview: dragged(d.mark, d.part, dx, dy, p.size), moved: d.moved || Math.hypot(dx, dy) >= CLICK } } });
    },

    markUp(p) {
      const e = c.get().markEdit;
      if (!onScreen(p.item) || e.item !== p.item) {
        // nothing carried over: the gesture belonged to an item no longer on screen
        if (e.drag || e.placing?.from) c.set({ markEdit: { ...e, drag: null, placing: e.placing ? { ...e.placing, from: undefined, preview: undefined } : null } });
        return;
      }
      const pl = e.placing;
      if (pl?.from) {
        const box = boxFrom(pl.from.at, [p.x, p.y], p.size);
        if (pl.from.image !== p.image || box[2] - box[0] < 2 || box[3] - box[1] < 2) {
          const text = `Drag from one corner of the ${pl.color} box to the other (Esc cancels).`;
          c.set({ markEdit: { ...e, placing: { ...pl, from: undefined, preview: undefined }, said: text }, message: { kind: 'info', text } });
          return;
        }
        const m: LocatedMark = { color: pl.color, kind: 'box', image: p.image, box };
        commit(p.item, withCorrection(e.corrections, correction(m)), `The ${pl.color} box is placed at ${where(m)}; measuring again.`);
        return;
      }
      const d = e.drag;
      if (!d) return;
      const shown = shownMarks(c.get());
      const candidate = shown.doubled.some((x) => markKey(x) === markKey(d.mark));
      // the up event alone may carry the whole movement (no move event came between)
      const moved = d.moved || Math.hypot(p.x - d.from[0], p.y - d.from[1]) >= CLICK;
      if (d.item !== p.item || d.image !== p.image || (!moved && !candidate)) {
        // a click on a found mark changes nothing
        c.set({ markEdit: { ...e, drag: null } });
        return;
      }
      const final = moved ? dragged(d.mark, d.part, p.x - d.from[0], p.y - d.from[1], p.size) : d.mark;
      const verb = !moved ? 'chosen' : candidate ? 'chosen and moved to' : 'moved to';
      commit(p.item, withCorrection(e.corrections, correction(final)), `The ${d.mark.color} ${d.mark.kind} is ${verb === 'chosen' ? `chosen at ${where(final)}` : `${verb} ${where(final)}`}; measuring again.`);
    },

    undoMark() {
      const e = c.get().markEdit;
      const cur = c.get().current;
      if (!cur || e.item !== cur.row.id) return;
      if (!e.history.length) return c.set({ message: { kind: 'info', text: 'No mark correction of this item to undo.' } });
      const corrections = e.history[e.history.length - 1];
      const text = 'The last mark correction is undone; measuring again.';
      c.set({ markEdit: { ...e, corrections, history: e.history.slice(0, -1), placing: null, drag: null, said: text }, message: { kind: 'info', text } });
      writeDraft(c, cur.row.id, corrections);
    },
  };
};
