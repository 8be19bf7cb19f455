// Blind-shortcut benchmark: multiple-choice and true/false items generated over synthetic rooms,
// answered by strategies that see the options (or the statement) only. Targets: every strategy
// within 3 points of chance overall and within 6 in every task with ≥ 200 items.
//   npx tsx bench/blind.ts [--rooms N] [--per-scene N] [--seed S]
import { parseArgs } from 'node:util';
import { BLIND_TARGETS, blindReport, blindVerdict, formatBlindTable } from '../src/domain/qa/audit/blind';
import { generateQA } from '../src/domain/qa/generate/generate';
import { furnishedRoom } from '../src/test/qaRooms';

const { values } = parseArgs({ options: { rooms: { type: 'string', default: '48' }, 'per-scene': { type: 'string', default: '900' }, seed: { type: 'string', default: '1' } } });
const rooms = Number(values.rooms), perScene = Number(values['per-scene']), seed = Number(values.seed);
const scenes = Array.from({ length: rooms }, (_, k) => furnishedRoom(500 + k));
const t0 = performance.now();
const { items } = generateQA(scenes, { formats: ['select', 'judge'], perScene, seed });
const t1 = performance.now();
const report = blindReport(items, { seed });
const t2 = performance.now();
const select = items.filter((i) => i.spatial_lens.format === 'select').length;
console.log(`${items.length} items (${select} select, ${items.length - select} true/false) from ${rooms} rooms, seed ${seed}: generated in ${((t1 - t0) / 1000).toFixed(1)} s, strategies played in ${((t2 - t1) / 1000).toFixed(1)} s\n`);
console.log(formatBlindTable(report));
const verdict = blindVerdict(report);
const t = BLIND_TARGETS;
console.log(`\ntarget (every strategy within ${t.overall} points of chance overall and per format, ${t.perTask} in every task with ≥ ${t.minTaskItems} items; a strategy counts where it applies to ≥ ${t.minApplied} items): ${verdict.ok ? 'met' : `NOT met (${verdict.failures.length})`}`);
for (const f of verdict.failures.slice(0, 40)) console.log(`  ${f}`);
