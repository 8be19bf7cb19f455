// The QA engine: scenes in, items out, deterministic for a seed. Tasks and formats take turns so a
// per-scene budget spreads evenly; tuples are drawn at random and a tuple that cannot make a fair
// question (overlapping boxes, values too close to tell, no clear reference) is skipped and
// counted by reason. Answer letters and true/false are balanced per task by shuffled blocks.
import { dict } from '../../dict';
import { UserError } from '../../errors';
import type { SceneFile } from '../../scene/scene';
import { mulberry32 } from '../../geometry/random';
import { buildItem, taskKey } from './compose';
import { type Excluded, type QAContext, qaContext } from './context';
import { drawTuple, siblingSource } from './siblings';
import { type Draft, type ItemParams, type TaskDef, hashString, isDraft } from './task';
import { TASKS, TASK_BY_ID } from './tasks';
import type { QAFormat, QAItem } from '../types';

export const ALL_FORMATS: QAFormat[] = ['fill', 'select', 'sentence', 'judge'];

export interface GenerateOptions {
  /** Task ids (default: all). */
  tasks?: string[];
  /** Formats (default: all each task has). */
  formats?: QAFormat[];
  /** Items wanted per scene, spread over tasks and formats (default 100). */
  perScene?: number;
  seed?: number;
}

export interface SceneInput {
  scene: SceneFile;
  /** World-frame points of the scene's cloud (pixel-level tasks). */
  points?: Float32Array | null;
}

export interface TaskReport {
  items: number;
  byFormat: Partial<Record<QAFormat, number>>;
  /** Tuples skipped, by reason. */
  skipped: Record<string, number>;
  /** Select items by correct letter. */
  letters: Record<string, number>;
  /** Judge items by answer. */
  truths: { True: number; False: number };
}

export interface SceneReport {
  id: string;
  items: number;
  objects: number;
  excluded: Excluded[];
  /** Tasks that could not run on this scene, and why. */
  notes: string[];
}

export interface GenerateReport {
  items: number;
  tasks: Record<string, TaskReport>;
  scenes: SceneReport[];
  ms: number;
}

/** Shuffled blocks of slots, so each slot comes up equally often (±1 per block). */
class SlotBalancer {
  private blocks = new Map<string, number[]>();
  constructor(private rand: () => number) {}
  peek(key: string, n: number): number {
    let b = this.blocks.get(key);
    if (!b || !b.length) {
      b = Array.from({ length: n }, (_, i) => i);
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(this.rand() * (i + 1));
        [b[i], b[j]] = [b[j], b[i]];
      }
      this.blocks.set(key, b);
    }
    return b[b.length - 1];
  }
  take(key: string): void {
    this.blocks.get(key)?.pop();
  }
}

/** How far an option text may run ahead of its fair share of right answers (items). */
const CONTENT_SLACK = 2;

/**
 * Options that name the item's own objects ("the couch", "the red point") cannot be other tuples'
 * answers, and a class's name can be a clue (a couch is usually the largest of three things). No
 * option text may be right more often than its share: in multiple choice 1 / options of the times
 * it is offered, in true/false half of the claims that state it. An item that would take a text
 * past its share is skipped.
 */
class ContentBalancer {
  private right = new Map<string, number>();
  private offered = new Map<string, number>();
  private claims = new Map<string, number>();

  accepts(key: string, draft: Draft, format: QAFormat): boolean {
    if (format === 'select') {
      const k = `${key}\u0000${draft.correct}`;
      const n = draft.distractors!.length + 1;
      return (this.right.get(k) ?? 0) + 1 <= ((this.offered.get(k) ?? 0) + 1) / n + CONTENT_SLACK;
    }
    if (format === 'judge') {
      const k = `${key}\u0000${String(draft.chosen?.claim)}`;
      const lead = (this.claims.get(k) ?? 0) + (draft.truth ? 1 : -1);
      return Math.abs(lead) <= CONTENT_SLACK;
    }
    return true;
  }

  add(key: string, draft: Draft, format: QAFormat): void {
    const inc = (m: Map<string, number>, k: string, by = 1) => m.set(k, (m.get(k) ?? 0) + by);
    if (format === 'select') {
      for (const o of [draft.correct!, ...draft.distractors!]) inc(this.offered, `${key}\u0000${o}`);
      inc(this.right, `${key}\u0000${draft.correct}`);
    } else if (format === 'judge') inc(this.claims, `${key}\u0000${String(draft.chosen?.claim)}`, draft.truth ? 1 : -1);
  }
}

/** Resolves task ids (also accepting the short "hispatial-L2-distance" form), refusing unknown ones. */
export function resolveTasks(ids?: string[]): TaskDef[] {
  if (!ids?.length) return TASKS;
  const byKey = new Map(TASKS.map((t) => [taskKey(t.id), t]));
  const unknown = ids.filter((id) => !TASK_BY_ID.has(id) && !byKey.has(id));
  if (unknown.length) throw new UserError(`Unknown task id${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. Known tasks: ${TASKS.map((t) => t.id).join(', ')}.`, 'qa-task');
  return ids.map((id) => TASK_BY_ID.get(id) ?? byKey.get(id)!);
}

export function resolveFormats(formats?: string[]): QAFormat[] {
  if (!formats?.length) return ALL_FORMATS;
  const bad = formats.filter((f) => !ALL_FORMATS.includes(f as QAFormat));
  if (bad.length) throw new UserError(`Unknown format${bad.length > 1 ? 's' : ''}: ${bad.join(', ')}. Formats: ${ALL_FORMATS.join(', ')}.`, 'qa-format');
  return formats as QAFormat[];
}

/** Why a task cannot run on a scene at all, or null. */
function cannotRun(task: TaskDef, ctx: QAContext): string | null {
  if (task.needs === 'points' && !ctx.points?.length) return 'needs the scene’s point cloud';
  if (task.needs === 'orientation' && !ctx.objects.some((o) => o.facing)) return 'needs an object whose facing direction is known (from an annotation or a model)';
  if (task.needs === 'views' && !ctx.scene.views?.length) return 'needs posed extra views of the scene';
  if (ctx.objects.length < task.arity) return `needs ${task.arity} object${task.arity > 1 ? 's' : ''} with usable 3D boxes (the scene has ${ctx.objects.length})`;
  return null;
}

const emptyReport = (): TaskReport => ({ items: 0, byFormat: {}, skipped: dict(), letters: dict(), truths: { True: 0, False: 0 } });

/** Attempts per item wanted before a task/format pair gives up on a scene. */
const ATTEMPTS_PER_ITEM = 12;
/** Failed attempts in a row after which a task/format pair is taken as exhausted on a scene. */
const MAX_MISSES = 60;

export function generateQA(inputs: SceneInput[], opts: GenerateOptions = {}): { items: QAItem[]; report: GenerateReport } {
  const t0 = performance.now();
  const tasks = resolveTasks(opts.tasks);
  const formats = resolveFormats(opts.formats);
  const perScene = opts.perScene ?? 100;
  const seed = (opts.seed ?? 0) >>> 0;
  if (!(perScene >= 1)) throw new UserError('The number of items per scene must be at least 1.', 'qa-count');
  const balancer = new SlotBalancer(mulberry32(hashString('balance', seed)));
  const content = new ContentBalancer();
  const items: QAItem[] = [];
  const report: GenerateReport = { items: 0, tasks: dict(), scenes: [], ms: 0 };
  for (const t of tasks) report.tasks[t.id] = emptyReport();
  const ids = new Set<string>();

  for (const { scene, points } of inputs) {
    const ctx = qaContext(scene, points ?? null);
    const sr: SceneReport = { id: scene.id, items: 0, objects: ctx.objects.length, excluded: ctx.excluded, notes: [] };
    report.scenes.push(sr);
    if (ids.has(scene.id)) {
      sr.notes.push(`scene id ${scene.id} appears twice; the second copy was not used`);
      continue;
    }
    ids.add(scene.id);
    if (!ctx.objects.length) sr.notes.push(`no object can be asked about${ctx.excluded.length ? ` (${ctx.excluded.length} excluded)` : ' (the scene has no objects)'}`);
    // one lane per task and format, each with its own random stream
    const lanes = tasks.flatMap((task) => {
      const why = cannotRun(task, ctx);
      if (why) {
        // a scene without objects already says so once
        if (ctx.objects.length || task.arity === 0) sr.notes.push(`${task.id}: ${why}`);
        return [];
      }
      return task.formats
        .filter((f) => formats.includes(f))
        .map((format) => ({ task, format, rand: mulberry32(hashString(`${scene.id}\u0000${task.id}\u0000${format}`, seed)), tried: new Set<string>(), attempts: 0, misses: 0, count: 0, done: false }));
    });
    let made = 0;
    const budget = Math.ceil(perScene / Math.max(1, lanes.length)) * ATTEMPTS_PER_ITEM + 20;
    while (made < perScene && lanes.some((l) => !l.done)) {
      for (const lane of lanes) {
        if (made >= perScene) break;
        if (lane.done) continue;
        const { task, format, rand } = lane;
        const tr = report.tasks[task.id];
        // try until this lane makes one item this round, or runs out of attempts
        while (!lane.done) {
          if (++lane.attempts > budget || ++lane.misses > MAX_MISSES) {
            lane.done = true;
            break;
          }
          const tuple = drawTuple(ctx.objects.length, task.arity, rand);
          const variant = task.variants ? task.variants[Math.floor(rand() * task.variants.length)] : undefined;
          const key = `${tuple.join(',')}|${variant ?? ''}`;
          const phrasing = Math.floor(rand() * 1000);
          const rng = Math.floor(rand() * 2 ** 32);
          // a pixel task draws its own pixels, so its tuples never repeat
          if (task.arity > 0 && lane.tried.has(key)) continue;
          lane.tried.add(key);
          const judgeKey = `${task.id}/judge`;
          const truth = format === 'judge' ? balancer.peek(judgeKey, 2) === 0 : undefined;
          const params: ItemParams = { objects: tuple.map((i) => ctx.objects[i].id), phrasing, rng, ...(variant ? { variant } : {}), ...(truth !== undefined ? { truth } : {}) };
          const draft = task.make({ ctx, objs: tuple.map((i) => ctx.objects[i]), format, p: params, rand: mulberry32(rng), siblings: siblingSource(ctx, task, params) });
          if (!isDraft(draft)) {
            tr.skipped[draft] = (tr.skipped[draft] ?? 0) + 1;
            continue;
          }
          // tasks without objects draw what they ask about (pixels, a view): never the same twice
          if (task.arity === 0 && draft.chosen) {
            const chosen = `chosen|${JSON.stringify(draft.chosen)}`;
            if (lane.tried.has(chosen)) {
              tr.skipped['repeats an earlier item'] = (tr.skipped['repeats an earlier item'] ?? 0) + 1;
              continue;
            }
            lane.tried.add(chosen);
          }
          const contentKey = `${task.id}/${variant ?? ''}/${format}`;
          if (draft.ownOptions && !content.accepts(contentKey, draft, format)) {
            tr.skipped['its answer text is already right more often than its share'] = (tr.skipped['its answer text is already right more often than its share'] ?? 0) + 1;
            continue;
          }
          if (format === 'judge') {
            if (draft.truth !== truth) {
              tr.skipped['no statement with the wanted truth'] = (tr.skipped['no statement with the wanted truth'] ?? 0) + 1;
              continue;
            }
            balancer.take(judgeKey);
          }
          if (format === 'select') {
            const n = draft.distractors!.length + 1;
            const k = `${task.id}/select/${n}`;
            params.slot = balancer.peek(k, n);
            balancer.take(k);
          }
          if (draft.ownOptions) content.add(contentKey, draft, format);
          lane.count++;
          lane.misses = 0;
          const id = `${scene.id}/${taskKey(task.id)}/${format}/${String(lane.count).padStart(4, '0')}`;
          const item = buildItem({ id, scene, task, format, draft, params, seed });
          items.push(item);
          made++;
          tr.items++;
          tr.byFormat[format] = (tr.byFormat[format] ?? 0) + 1;
          if (format === 'select') tr.letters[item.answer] = (tr.letters[item.answer] ?? 0) + 1;
          if (format === 'judge') tr.truths[item.answer as 'True' | 'False']++;
          break;
        }
      }
    }
    sr.items = made;
  }
  report.items = items.length;
  report.ms = performance.now() - t0;
  return { items, report };
}

/**
 * Why tasks gave no item: for each task with no item and skipped candidates, its most frequent
 * skip reason and how many candidates it skipped, most skipped first. A generation that ends empty
 * says this rather than a bare "skipped".
 */
export function emptyTaskReasons(report: GenerateReport): { task: string; reason: string; count: number; skipped: number }[] {
  const out: { task: string; reason: string; count: number; skipped: number }[] = [];
  for (const [task, r] of Object.entries(report.tasks)) {
    if (r.items) continue;
    const reasons = Object.entries(r.skipped).sort((a, b) => b[1] - a[1]);
    if (!reasons.length) continue;
    out.push({ task, reason: reasons[0][0], count: reasons[0][1], skipped: reasons.reduce((s, [, n]) => s + n, 0) });
  }
  return out.sort((a, b) => b.skipped - a.skipped);
}
