// How a question names its objects. SPAR: the label plus a coloured point at the projected 3D
// centre (a coloured box when the centre falls outside the image). HiSpatial: the label alone when
// the image holds one object of that class; else a spatial reference ("the leftmost chair", "the
// second closest cup", "the largest pillow") when it picks the object by a clear margin; else
// "the chair highlighted by the red box" with that box drawn. A spatial reference is only used when
// every object of the class in the image could be lifted: it ranks them all.
import { table } from '../../dict';
import type { QAContext, QAObject, Rect } from './context';
import type { Mark, MarkColour } from '../types';

export type RefStyle = 'spar' | 'hispatial';

export const MARK_COLOURS: MarkColour[] = ['red', 'blue', 'green', 'yellow'];

export type SpatialKind =
  | 'leftmost'
  | 'rightmost'
  | 'second-left'
  | 'second-right'
  | 'closest'
  | 'farthest'
  | 'second-closest'
  | 'largest'
  | 'smallest';

/** How one object is referred to: its label alone, a spatial reference, or a mark. */
export type RefKind = 'label' | SpatialKind | 'point' | 'box';

export const SPATIAL_KINDS: SpatialKind[] = ['leftmost', 'rightmost', 'closest', 'farthest', 'largest', 'smallest', 'second-left', 'second-right', 'second-closest'];

/** Margins that make a ranking clear to someone looking at the photo. */
export const REF_MARGIN = {
  /** Horizontal gap between 2D box centres, share of the image width. */
  imageX: 0.06,
  /** Distance gap: this share of the larger distance, and at least `distanceMin` metres. */
  distance: 0.2,
  distanceMin: 0.3,
  /** Volume ratio between neighbours. */
  volume: 2,
};

const DISPLAY = table<string>({ tv: 'TV' });
/** The name a question uses for a category. */
export const labelOf = (category: string) => DISPLAY[category] ?? category;

const rectCentreX = (r: Rect) => (r[0] + r[2]) / 2;

/** Horizontal image position of an object (2D box centre, else projected centre). */
const imageX = (o: QAObject): number | null => (o.rect ? rectCentreX(o.rect) : o.uv ? o.uv[0] + 0.5 : null);

interface Ranking {
  key: (o: QAObject) => number | null;
  /** Whether neighbours a < b (by key) are clearly apart. */
  clear: (a: number, b: number, ctx: QAContext) => boolean;
}

const RANKINGS: Record<'x' | 'distance' | 'volume', Ranking> = {
  x: { key: imageX, clear: (a, b, ctx) => b - a >= REF_MARGIN.imageX * ctx.width },
  distance: { key: (o) => o.distance, clear: (a, b) => b - a >= Math.max(REF_MARGIN.distanceMin, REF_MARGIN.distance * b) },
  volume: { key: (o) => o.volume, clear: (a, b) => b >= REF_MARGIN.volume * a },
};

const KIND_RANK: Record<SpatialKind, { by: keyof typeof RANKINGS; from: 'low' | 'high'; rank: number }> = {
  leftmost: { by: 'x', from: 'low', rank: 0 },
  rightmost: { by: 'x', from: 'high', rank: 0 },
  'second-left': { by: 'x', from: 'low', rank: 1 },
  'second-right': { by: 'x', from: 'high', rank: 1 },
  closest: { by: 'distance', from: 'low', rank: 0 },
  farthest: { by: 'distance', from: 'high', rank: 0 },
  'second-closest': { by: 'distance', from: 'low', rank: 1 },
  smallest: { by: 'volume', from: 'low', rank: 0 },
  largest: { by: 'volume', from: 'high', rank: 0 },
};

/** The objects of a class in the photo, when all of them can be ranked (all lifted). */
function classMembers(ctx: QAContext, category: string): QAObject[] | null {
  const seen = ctx.seen.get(category) ?? [];
  const members = seen.map((o) => ctx.byId.get(o.id));
  return members.every((m): m is QAObject => !!m) ? members : null;
}

/**
 * The object a spatial reference picks among the class, or null when it picks none clearly: the
 * object at that rank must be clear of its neighbours on both sides.
 */
export function resolveSpatial(ctx: QAContext, category: string, kind: SpatialKind): QAObject | null {
  const members = classMembers(ctx, category);
  if (!members || members.length < 2) return null;
  const spec = KIND_RANK[kind];
  if (spec.rank >= members.length - 1 && spec.rank > 0) return null; // "second" needs a third
  const R = RANKINGS[spec.by];
  const keyed = members.map((o) => ({ o, k: R.key(o) }));
  if (keyed.some((x) => x.k === null)) return null;
  keyed.sort((a, b) => a.k! - b.k!);
  if (spec.from === 'high') keyed.reverse();
  const i = spec.rank;
  const lowHigh = (a: number, b: number) => (spec.from === 'low' ? R.clear(a, b, ctx) : R.clear(b, a, ctx));
  if (i > 0 && !lowHigh(keyed[i - 1].k!, keyed[i].k!)) return null;
  if (i + 1 < keyed.length && !lowHigh(keyed[i].k!, keyed[i + 1].k!)) return null;
  return keyed[i].o;
}

const PHRASE: Record<SpatialKind, (l: string) => string> = {
  leftmost: (l) => `the leftmost ${l}`,
  rightmost: (l) => `the rightmost ${l}`,
  'second-left': (l) => `the second ${l} from the left`,
  'second-right': (l) => `the second ${l} from the right`,
  closest: (l) => `the ${l} closest to the camera`,
  farthest: (l) => `the ${l} farthest from the camera`,
  'second-closest': (l) => `the second closest ${l}`,
  largest: (l) => `the largest ${l}`,
  smallest: (l) => `the smallest ${l}`,
};

export interface References {
  /** How each object of the tuple is named in the question. */
  texts: string[];
  /** Bare labels, for answers that name an object ("sofa"). */
  labels: string[];
  kinds: RefKind[];
  marks: Mark[];
}

const round1 = (x: number) => Math.round(x * 10) / 10;

const kindsCache = new WeakMap<QAContext, Map<string, SpatialKind[]>>();

/** The spatial references that pick `o` clearly, in a fixed order (computed once per scene). */
export function spatialKindsFor(ctx: QAContext, o: QAObject): SpatialKind[] {
  let cache = kindsCache.get(ctx);
  if (!cache) kindsCache.set(ctx, (cache = new Map()));
  let kinds = cache.get(o.id);
  if (!kinds) cache.set(o.id, (kinds = SPATIAL_KINDS.filter((k) => resolveSpatial(ctx, o.category, k)?.id === o.id)));
  return kinds;
}

/**
 * Names the objects of one question. `prefer` (HiSpatial) fixes each object's reference kind, as
 * stored in an item, and fails when that kind no longer picks the object; otherwise the first
 * clear kind not in `avoid` is used, rotated by `turn` so that questions vary. Returns a reason
 * when an object cannot be referred to at all.
 */
export function refer(ctx: QAContext, objs: QAObject[], style: RefStyle, prefer?: (RefKind | undefined)[], turn = 0, avoid: readonly SpatialKind[] = []): References | string {
  const out: References = { texts: [], labels: [], kinds: [], marks: [] };
  let colour = 0;
  for (let i = 0; i < objs.length; i++) {
    const o = objs[i];
    const label = labelOf(o.category);
    out.labels.push(label);
    const want = prefer?.[i];
    const box = (): string | null => {
      if (!o.rect || colour >= MARK_COLOURS.length) return null;
      const c = MARK_COLOURS[colour++];
      out.marks.push({ object: o.id, kind: 'box', color: c, box: o.rect.map(round1) as Rect });
      out.kinds.push('box');
      return c;
    };
    if (style === 'spar') {
      // SPAR colours follow the objects' order in the question: red, blue, green
      const c = MARK_COLOURS[i];
      if (o.uv && want !== 'box') {
        out.marks.push({ object: o.id, kind: 'point', color: c, uv: [round1(o.uv[0]), round1(o.uv[1])] });
        out.kinds.push('point');
        out.texts.push(`${label} (${c} point)`);
      } else if (o.rect) {
        out.marks.push({ object: o.id, kind: 'box', color: c, box: o.rect.map(round1) as Rect });
        out.kinds.push('box');
        out.texts.push(`${label} (${c} bbox)`);
      } else return `${o.id} (${label}) is outside the image`;
      continue;
    }
    // a question about the photo cannot ask about an object the photo does not show
    if (!o.uv && !o.rect) return `${o.id} (${label}) is outside the image`;
    const unique = (ctx.seen.get(o.category)?.length ?? 0) === 1;
    if (want === 'label' || (want === undefined && unique)) {
      if (!unique) return `"the ${label}" no longer names one object`;
      out.kinds.push('label');
      out.texts.push(`the ${label}`);
      continue;
    }
    if (want && want !== 'box' && want !== 'point') {
      if (resolveSpatial(ctx, o.category, want)?.id !== o.id) return `"${PHRASE[want](label)}" no longer picks ${o.id} by a clear margin`;
      out.kinds.push(want);
      out.texts.push(PHRASE[want](label));
      continue;
    }
    // a question about size must not name its objects by size (nor one about distance by distance)
    const kinds = want === 'box' ? [] : spatialKindsFor(ctx, o).filter((k) => !avoid.includes(k));
    if (kinds.length) {
      const k = kinds[turn % kinds.length];
      out.kinds.push(k);
      out.texts.push(PHRASE[k](label));
      continue;
    }
    const c = box();
    if (!c) return `${o.id} (${label}) has no 2D box to highlight`;
    out.texts.push(`the ${label} highlighted by the ${c} box`);
  }
  return out;
}
