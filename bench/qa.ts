// QA-generation benchmark (issue: ≥ 10,000 items/s in Node from a 20-object scene, all tasks and
// formats; per task, the share of items whose references are unambiguous and whose distractors
// respect the threshold, both 100 % by construction — counted here by the independent audit).
//   npx tsx bench/qa.ts
import { auditItem } from '../src/domain/qa/audit/generated';
import { qaContext } from '../src/domain/qa/generate/context';
import { generateQA } from '../src/domain/qa/generate/generate';
import { furnishedRoom } from '../src/test/qaRooms';

const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

const scenes = Array.from({ length: 8 }, (_, k) => furnishedRoom(100 + k));
for (const s of scenes) if (s.scene.objects.length < 24) throw new Error(`scene ${s.scene.id} has ${s.scene.objects.length} objects`);
const perScene = 2500;

// warm up (JIT, the per-scene caches are rebuilt each run: contexts are made inside generateQA)
generateQA(scenes.slice(0, 2), { perScene: 500, seed: 1 });
const rates: number[] = [];
let last = generateQA(scenes, { perScene, seed: 1 });
for (let r = 0; r < 5; r++) {
  const t0 = performance.now();
  last = generateQA(scenes, { perScene, seed: r + 2 });
  const ms = performance.now() - t0;
  rates.push(last.items.length / (ms / 1000));
}
const { items, report } = last;
console.log(`generation: ${items.length} items from ${scenes.length} scenes of 24 objects (20 in the photo, 2 views) (all ${Object.keys(report.tasks).length} tasks, 4 formats): median ${Math.round(median(rates)).toLocaleString('en')} items/s over 5 runs (target ≥ 10,000)`);
const idle = Object.entries(report.tasks).filter(([, r]) => !r.items);
if (idle.length) console.log(`tasks without items: ${idle.map(([t]) => t).join(', ')}`);

// audit every item: references re-ranked, options re-checked
const ctx = new Map(scenes.map((s) => [s.scene.id, { scene: s.scene, ctx: qaContext(s.scene, s.points) }]));
const perTask = new Map<string, { n: number; refs: number; opts: number; select: number; judge: number }>();
const problems: string[] = [];
for (const it of items) {
  const s = ctx.get(it.spatial_lens.scene)!;
  const a = auditItem(it, s.scene, s.ctx);
  const row = perTask.get(it.task) ?? { n: 0, refs: 0, opts: 0, select: 0, judge: 0 };
  row.n++;
  if (a.references) row.refs++;
  if (a.distractors) row.opts++;
  if (it.spatial_lens.format === 'select') row.select++;
  if (it.spatial_lens.format === 'judge') row.judge++;
  perTask.set(it.task, row);
  if (a.problems.length && problems.length < 5) problems.push(`${it.id}: ${a.problems.join('; ')}`);
}
const w = Math.max(...[...perTask.keys()].map((k) => k.length));
console.log(`\n${'task'.padEnd(w)}  items  unambiguous references  distractors within the rule (select ${'&'} judge)`);
for (const [task, r] of perTask)
  console.log(`${task.padEnd(w)}  ${String(r.n).padStart(5)}  ${`${r.refs}/${r.n} (${((100 * r.refs) / r.n).toFixed(1)} %)`.padEnd(22)}  ${r.opts}/${r.n} (${((100 * r.opts) / r.n).toFixed(1)} %; ${r.select} select, ${r.judge} judge)`);
const all = [...perTask.values()].reduce((s, r) => ({ n: s.n + r.n, refs: s.refs + r.refs, opts: s.opts + r.opts }), { n: 0, refs: 0, opts: 0 });
console.log(`all tasks: references ${all.refs}/${all.n}, options ${all.opts}/${all.n}`);
if (problems.length) console.log(`problems:\n${problems.join('\n')}`);
