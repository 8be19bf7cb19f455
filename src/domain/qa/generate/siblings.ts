// Sibling questions: the same task and variant asked about other random tuples of the scene. An
// item's wrong options and false claims are taken from its siblings' answers, so the right answer
// and the wrong ones are draws from one distribution and nothing in the options alone (their
// magnitudes, words, spacing) tells them apart. The siblings are drawn from the item's own random
// stream, so the same scene and params give the same options again (re-derivation, recompute).
import { mulberry32 } from '../../geometry/random';
import type { QAContext } from './context';
import { type Draft, type ItemParams, type SiblingSource, type TaskDef, hashString, isDraft } from './task';

/** Random ordered tuple of k distinct indices below n. */
export function drawTuple(n: number, k: number, rand: () => number): number[] {
  const out: number[] = [];
  while (out.length < k) {
    const i = Math.floor(rand() * n);
    if (!out.includes(i)) out.push(i);
  }
  return out;
}

/**
 * Tuples tried for one sibling. A tuple that cannot make a fair question is passed over, as the
 * generator passes over it when drawing the item's own tuple: the siblings' answers then follow the
 * distribution of the items' answers.
 */
const SIBLING_TRIES = 24;
/** Probe sets drawn per option count, and the share of them that must fit for that count. */
const PROBES = 16;
const PROBE_SHARE = 0.25;

const optionCounts = new WeakMap<QAContext, Map<string, number>>();
/**
 * Sibling drafts of tasks whose drafts depend on the tuple alone: by task, variant and extra, then
 * by the tuple's indices packed in one number (a cheap key: siblings are drawn by the thousand).
 */
const drafted = new WeakMap<QAContext, Map<string, Map<number, Draft | string>>>();

/** The siblings of an item of `task` with params `p` on the scene of `ctx`. */
export function siblingSource(ctx: QAContext, task: TaskDef, p: ItemParams): SiblingSource {
  const format = task.formats.includes('fill') ? 'fill' : 'sentence';
  // pixel and multi-view questions draw what they ask about (pixels, views) from their own seed
  const pure = task.arity > 0 && task.needs !== 'views' && ctx.objects.length < 1024;
  let memo = drafted.get(ctx);
  if (!memo) drafted.set(ctx, (memo = new Map()));
  const tableFor = (extra: Partial<ItemParams>) => {
    const key = `${task.id}\u0000${p.variant ?? ''}\u0000${JSON.stringify(extra)}`;
    let t = memo!.get(key);
    if (!t) memo!.set(key, (t = new Map()));
    return t;
  };
  const draw = (rand: () => number, extra: Partial<ItemParams> = {}): Draft | null => {
    const n = ctx.objects.length;
    if (n < task.arity) return null;
    const table = pure ? tableFor(extra) : null;
    for (let t = 0; t < SIBLING_TRIES; t++) {
      const tuple = drawTuple(n, task.arity, rand);
      const rng = Math.floor(rand() * 2 ** 32);
      let key = 0;
      for (const i of tuple) key = key * 1024 + i;
      let d = table?.get(key);
      if (d === undefined) {
        const sp: ItemParams = { objects: tuple.map((i) => ctx.objects[i].id), phrasing: 0, rng, ...(p.variant !== undefined ? { variant: p.variant } : {}), ...extra };
        d = task.make({ ctx, objs: tuple.map((i) => ctx.objects[i]), format, p: sp, rand: mulberry32(rng) });
        table?.set(key, d);
      }
      if (isDraft(d)) return d;
    }
    return null;
  };
  const optionCount = (max: number, fits: (answers: Draft[]) => boolean, extra: Partial<ItemParams> = {}): number => {
    let cache = optionCounts.get(ctx);
    if (!cache) optionCounts.set(ctx, (cache = new Map()));
    const key = `${task.id}\u0000${p.variant ?? ''}\u0000${JSON.stringify(extra)}\u0000${max}`;
    const known = cache.get(key);
    if (known !== undefined) return known;
    // a stream fixed by the scene, task, variant and extra: the same count for every item they share
    const rand = mulberry32(hashString(key, hashString(ctx.scene.id)));
    // fitting only gets harder with more options: count up and stop at the first count that fails
    let count = 2;
    const need = Math.ceil(PROBE_SHARE * PROBES);
    for (let n = 3; n <= max; n++) {
      let ok = 0;
      for (let t = 0; t < PROBES && ok < need && ok + (PROBES - t) >= need; t++) {
        const set: Draft[] = [];
        for (let k = 0; k < n; k++) {
          const d = draw(rand, extra);
          if (!d) break;
          set.push(d);
        }
        if (set.length === n && fits(set)) ok++;
      }
      if (ok < need) break;
      count = n;
    }
    cache.set(key, count);
    return count;
  };
  return { draw, optionCount };
}
