// An after-the-fact check of generated items, written apart from the generator so that it can
// catch the generator's mistakes: every reference must pick its object (a unique label; a spatial
// reference re-ranked here with the stated margins; a mark that is drawn and named) and every
// wrong option must fail the task's success rule. The bench reports these counts per task.
import type { SceneFile } from '../../scene/scene';
import type { Vec3 } from '../../geometry/linalg';
import { type QAContext, type QAObject, qaContext } from '../generate/context';
import { REF_MARGIN, type RefKind, labelOf } from '../generate/references';
import type { ItemParams } from '../generate/task';
import { TASK_BY_ID } from '../generate/tasks';
import type { QAItem } from '../types';

export interface Audit {
  references: boolean;
  distractors: boolean;
  problems: string[];
}

const ORDINAL: Record<string, { key: 'x' | 'distance' | 'volume'; descending: boolean; rank: number; text: (l: string) => string }> = {
  leftmost: { key: 'x', descending: false, rank: 0, text: (l) => `the leftmost ${l}` },
  rightmost: { key: 'x', descending: true, rank: 0, text: (l) => `the rightmost ${l}` },
  'second-left': { key: 'x', descending: false, rank: 1, text: (l) => `the second ${l} from the left` },
  'second-right': { key: 'x', descending: true, rank: 1, text: (l) => `the second ${l} from the right` },
  closest: { key: 'distance', descending: false, rank: 0, text: (l) => `the ${l} closest to the camera` },
  farthest: { key: 'distance', descending: true, rank: 0, text: (l) => `the ${l} farthest from the camera` },
  'second-closest': { key: 'distance', descending: false, rank: 1, text: (l) => `the second closest ${l}` },
  smallest: { key: 'volume', descending: false, rank: 0, text: (l) => `the smallest ${l}` },
  largest: { key: 'volume', descending: true, rank: 0, text: (l) => `the largest ${l}` },
};

function keyOf(o: QAObject, key: 'x' | 'distance' | 'volume'): number {
  if (key === 'distance') return o.distance;
  if (key === 'volume') return o.volume;
  return o.rect ? (o.rect[0] + o.rect[2]) / 2 : o.uv![0] + 0.5;
}

/** Whether two neighbouring values (in ranking order) are apart by the margin references require. */
function apart(ctx: QAContext, key: 'x' | 'distance' | 'volume', a: number, b: number): boolean {
  const lo = Math.min(a, b), hi = Math.max(a, b);
  if (key === 'x') return hi - lo >= REF_MARGIN.imageX * ctx.width;
  if (key === 'distance') return hi - lo >= Math.max(REF_MARGIN.distanceMin, REF_MARGIN.distance * hi);
  return hi >= REF_MARGIN.volume * lo;
}

function checkReference(ctx: QAContext, item: QAItem, o: QAObject, kind: RefKind | undefined, problems: string[]): void {
  const label = labelOf(o.category);
  // references may open a sentence, capitalised
  const q = item.question.toLowerCase();
  const has = (text: string) => q.includes(text.toLowerCase());
  const mark = item.spatial_lens.marks.find((m) => m.object === o.id);
  if (kind === 'point' || kind === 'box' || kind === undefined) {
    if (!mark) return void problems.push(`${o.id}: no mark drawn`);
    const named = item.spatial_lens.family === 'spar' ? `${label} (${mark.color} ${mark.kind === 'point' ? 'point' : 'bbox'})` : `the ${label} highlighted by the ${mark.color} box`;
    if (!has(named)) problems.push(`${o.id}: the question does not name its ${mark.color} mark`);
    if (item.spatial_lens.marks.filter((m) => m.color === mark.color && m.kind === mark.kind).length > 1) problems.push(`${o.id}: its mark colour is used twice`);
    return;
  }
  if (!o.uv && !o.rect && TASK_BY_ID.get(item.task)?.needs !== 'views') problems.push(`${o.id}: named in a question about the photo, but outside it`);
  const members = ctx.scene.objects.filter((s) => String(s.category).trim().toLowerCase() === o.category);
  if (kind === 'label') {
    if (members.length !== 1) problems.push(`${o.id}: "the ${label}" names ${members.length} objects`);
    if (!has(`the ${label}`)) problems.push(`${o.id}: its label is not in the question`);
    return;
  }
  const spec = ORDINAL[kind];
  const ranked = members.map((s) => ctx.byId.get(s.id));
  if (ranked.some((m) => !m)) return void problems.push(`${o.id}: "${spec.text(label)}" ranks objects that were not lifted`);
  const sorted = (ranked as QAObject[]).map((m) => ({ m, k: keyOf(m, spec.key) })).sort((a, b) => (spec.descending ? b.k - a.k : a.k - b.k));
  const at = sorted.findIndex((x) => x.m.id === o.id);
  if (at !== spec.rank) problems.push(`${o.id}: "${spec.text(label)}" picks ${sorted[spec.rank]?.m.id}`);
  for (const n of [at - 1, at + 1]) if (n >= 0 && n < sorted.length && !apart(ctx, spec.key, sorted[n].k, sorted[at].k)) problems.push(`${o.id}: "${spec.text(label)}" is not clear of ${sorted[n].m.id}`);
  if (!has(spec.text(label))) problems.push(`${o.id}: the reference is not in the question`);
}

const parseVec = (s: string) => s.replace(/^[A-D]\. /, '').slice(1, -1).split(', ').map(Number) as Vec3;
const angleDeg = (a: Vec3, b: Vec3) => (Math.acos(Math.max(-1, Math.min(1, (a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) / (Math.hypot(...a) * Math.hypot(...b))))) * 180) / Math.PI;

function checkOptions(item: QAItem, problems: string[]): void {
  const sl = item.spatial_lens;
  const task = TASK_BY_ID.get(item.task)!;
  if (sl.format === 'judge' && task.threshold && typeof sl.value === 'number') {
    const claim = String((sl.generator.params as unknown as ItemParams).claim ?? '');
    const t = Number(claim.split(':')[1]);
    if (claim.includes(':') && !(Math.abs(t - sl.value) / sl.value > task.threshold)) problems.push(`judge claim ${t} lies within ${task.threshold * 100} % of ${sl.value}`);
  }
  if (sl.format !== 'select') return;
  const opts = sl.options ?? [];
  const texts = opts.map((o) => o.slice(3));
  const k = 'ABCD'.indexOf(item.answer);
  if (k < 0 || k >= opts.length) return void problems.push(`answer ${item.answer} is not an option`);
  if (new Set(texts).size !== texts.length) problems.push('two options are the same');
  const wrong = texts.filter((_, i) => i !== k);
  if (Array.isArray(sl.value) && item.task.endsWith('direction_vector')) {
    for (const w of wrong) if (angleDeg(parseVec(w), sl.value as Vec3) <= 45) problems.push(`wrong direction ${w} within 45° of the answer`);
  } else if (Array.isArray(sl.value)) {
    const p = sl.value as Vec3, r = Math.hypot(...p);
    for (const w of wrong) {
      const v = parseVec(w);
      if (Math.hypot(v[0] - p[0], v[1] - p[1], v[2] - p[2]) <= 0.25 * r) problems.push(`wrong point ${w} within 25 % of the answer`);
    }
  } else if (task.threshold && typeof sl.value === 'number') {
    for (const w of wrong) if (!(Math.abs(parseFloat(w) - sl.value) / sl.value > task.threshold)) problems.push(`wrong value ${w} within ${task.threshold * 100} % of ${sl.value}`);
  } else if (typeof sl.value === 'number') {
    for (const w of wrong) if (parseFloat(w) === sl.value) problems.push(`wrong count ${w} equals the answer`);
  }
}

/**
 * Each object mark must sit on an image of the scene that sees the object's centre (in front of
 * that camera, inside its frame), a point mark on the projected centre: projected here on its own.
 */
function checkMarkImages(item: QAItem, scene: SceneFile, problems: string[]): void {
  const cams = new Map([scene, ...(scene.views ?? [])].map((v) => [v.image.file, { K: v.camera, M: v.worldFromCamera, w: v.image.width, h: v.image.height }]));
  for (const m of item.spatial_lens.marks) {
    if (!m.object) continue;
    const c = cams.get(item.image[m.image ?? 0]);
    if (!c) {
      problems.push(`${m.object}: its mark is on image ${m.image ?? 0}, which is not an image of the scene`);
      continue;
    }
    const p = scene.objects.find((s) => s.id === m.object)?.box3d?.center;
    if (!p) continue;
    const d = [0, 1, 2].map((r) => p[r] - c.M[r][3]);
    // camera = Rᵀ (world − T): column k of R dotted with d
    const [x, y, z] = [0, 1, 2].map((k) => c.M[0][k] * d[0] + c.M[1][k] * d[1] + c.M[2][k] * d[2]);
    const u = (c.K.fx * x) / z + c.K.cx, v = (c.K.fy * y) / z + c.K.cy;
    const seen = z > 0.05 && u >= -0.5 && u <= c.w - 0.5 && v >= -0.5 && v <= c.h - 0.5;
    if (m.kind === 'point' && !seen) problems.push(`${m.object}: image ${m.image ?? 0} does not see its centre`);
    else if (m.kind === 'point' && m.uv && Math.hypot(m.uv[0] - u, m.uv[1] - v) > 0.1) problems.push(`${m.object}: its point is off its projected centre`);
  }
}

/** Checks one generated item against its scene. */
export function auditItem(item: QAItem, scene: SceneFile, ctx: QAContext = qaContext(scene)): Audit {
  const problems: string[] = [];
  const params = item.spatial_lens.generator.params as unknown as ItemParams;
  params.objects.forEach((id, i) => {
    const o = ctx.byId.get(id);
    if (!o) return void problems.push(`${id}: not a usable object`);
    checkReference(ctx, item, o, params.refs?.[i], problems);
  });
  checkMarkImages(item, scene, problems);
  const nRef = problems.length;
  checkOptions(item, problems);
  return { references: nRef === 0, distractors: problems.length === nRef, problems };
}
