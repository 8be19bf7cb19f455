// Items measured again from RGB-D: synthetic SPAR-Bench items over the real NYU and Open3D frames
// (answers from the raw depth at the drawn pixel, every third deliberately wrong), audited by
// measureItem. Prints the measurement error per task and the audit's precision and recall. Then
// relation and imagination items (boxes or points on flat patches, a third with one part flipped):
// per task how often the measured relation is the true one, part by part, and the audit's
// precision and recall on them.
//   npx tsx bench/measure.ts [--items N] [--relations N] [--seed S]
import { parseArgs } from 'node:util';
import { measureItem } from '../src/domain/qa/audit/measureItem';
import { auditAgreement } from '../src/domain/review/errorRate';
import { asQAItem, itemImages } from '../src/test/rgbdAudit';
import { rgbdItems } from '../src/test/rgbdItems';
import { rgbdRelationItems } from '../src/test/rgbdRelations';

const { values } = parseArgs({ options: { items: { type: 'string', default: '140' }, relations: { type: 'string', default: '150' }, seed: { type: 'string', default: '1' } } });
const t0 = performance.now();
const { frames, items } = await rgbdItems(Number(values.items), Number(values.seed));
const t1 = performance.now();
const byTask = new Map<string, { rel: number[]; abs: number[]; choices: number; right: number }>();
const pairs: { auditError: boolean; rejected: boolean }[] = [];
let warned = 0;
for (const it of items) {
  const a = measureItem(asQAItem(it), itemImages(it, frames));
  const row = byTask.get(it.task) ?? byTask.set(it.task, { rel: [], abs: [], choices: 0, right: 0 }).get(it.task)!;
  if (typeof it.truth === 'number' && typeof a.measured?.value === 'number') {
    row.rel.push(Math.abs(a.measured.value - it.truth) / it.truth);
    row.abs.push(Math.abs(a.measured.value - it.truth));
  } else if (typeof it.truth === 'string') {
    row.choices++;
    const name = it.question.match(new RegExp(`the (\\w+) \\(${it.truth} point\\)`))?.[1];
    if (a.measured?.value === name) row.right++;
  }
  const err = a.findings.some((f) => f.severity === 'error');
  if (!it.wrong && a.findings.some((f) => f.severity === 'warn')) warned++;
  pairs.push({ auditError: err, rejected: it.wrong });
}
const t2 = performance.now();
const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
console.log(`${items.length} items over ${frames.length} real RGB-D frames (seed ${values.seed}) made in ${((t1 - t0) / 1000).toFixed(1)} s, measured in ${((t2 - t1) / 1000).toFixed(1)} s\n`);
console.log('task                        items  median rel. err  p95 rel. err  median abs. err  (choices: measured winner right)');
for (const [task, r] of [...byTask].sort()) {
  const n = r.rel.length || r.choices;
  console.log(
    `${task.padEnd(27)} ${String(n).padStart(5)}  ${r.rel.length ? `${(100 * q(r.rel, 0.5)).toFixed(1).padStart(13)} %  ${(100 * q(r.rel, 0.95)).toFixed(1).padStart(10)} %  ${q(r.abs, 0.5).toFixed(3).padStart(13)} m` : `${' '.repeat(46)}${r.right} of ${r.choices}`}`,
  );
}
const ag = auditAgreement(pairs);
console.log(`\naudit errors vs the deliberately wrong answers: precision ${ag.precision === null ? '–' : (100 * ag.precision).toFixed(1)} %, recall ${ag.recall === null ? '–' : (100 * ag.recall).toFixed(1)} % (${ag.truePositives} found, ${ag.falsePositives} false alarms, ${ag.falseNegatives} missed); right items with a warning: ${warned}`);

// relation and imagination items
const r0 = performance.now();
const rel = await rgbdRelationItems(Number(values.relations), Number(values.seed));
const r1 = performance.now();
const relTasks = new Map<string, { n: number; exact: number; parts: number; partsRight: number; tooClose: number; errAbs: number[] }>();
const relPairs: { auditError: boolean; rejected: boolean }[] = [];
let relWarned = 0;
const unmeasured = new Map<string, number>();
let missedMeasured = 0;
for (const it of rel.items) {
  const a = measureItem(asQAItem(it), itemImages(it, rel.frames));
  const row = relTasks.get(it.task) ?? relTasks.set(it.task, { n: 0, exact: 0, parts: 0, partsRight: 0, tooClose: 0, errAbs: [] }).get(it.task)!;
  row.n++;
  if (a.measured?.value === it.truth) row.exact++;
  const got = String(a.measured?.value ?? '').split(',').map((x) => x.trim());
  const want = it.truth.split(',').map((x) => x.trim());
  for (let k = 0; k < 3; k++) {
    row.parts++;
    if (got[k] === want[k]) row.partsRight++;
  }
  const display = a.display ?? '';
  row.tooClose += (display.match(/too close/g) ?? []).length;
  // measured separations against the raw-depth ones (lr, ab, fb as the line prints them)
  const seps = [...display.matchAll(/\((\d+\.\d+) m/g)].map((m) => Number(m[1]));
  const truthSeps = [Math.abs(it.offsets[0]), Math.abs(it.offsets[2]), Math.abs(it.offsets[1])];
  if (seps.length === 3) seps.forEach((x, k) => row.errAbs.push(Math.abs(x - truthSeps[k])));
  if (!it.wrong && a.findings.some((f) => f.severity === 'warn')) relWarned++;
  relPairs.push({ auditError: a.findings.some((f) => f.severity === 'error'), rejected: it.wrong });
  if (a.measured === undefined) {
    const why = a.findings.find((f) => f.severity !== 'info')?.message ?? a.findings[0]?.message ?? 'no finding';
    unmeasured.set(why, (unmeasured.get(why) ?? 0) + 1);
  } else if (it.wrong && !a.findings.some((f) => f.severity === 'error')) missedMeasured++;
}
const r2 = performance.now();
console.log(`\n${rel.items.length} relation items (seed ${values.seed}) made in ${((r1 - r0) / 1000).toFixed(1)} s, measured in ${((r2 - r1) / 1000).toFixed(1)} s\n`);
console.log('task                         items  relation right  parts right  parts too close  median |sep. err|  p95 |sep. err|');
for (const [task, r] of [...relTasks].sort())
  console.log(
    `${task.padEnd(28)} ${String(r.n).padStart(5)}  ${`${r.exact}/${r.n}`.padStart(14)}  ${`${r.partsRight}/${r.parts}`.padStart(11)}  ${String(r.tooClose).padStart(15)}  ${r.errAbs.length ? `${q(r.errAbs, 0.5).toFixed(3)} m`.padStart(17) : ''}  ${r.errAbs.length ? `${q(r.errAbs, 0.95).toFixed(3)} m`.padStart(15) : ''}`,
  );
const rag = auditAgreement(relPairs);
console.log(`\nrelation audit errors vs the flipped answers: precision ${rag.precision === null ? '–' : (100 * rag.precision).toFixed(1)} %, recall ${rag.recall === null ? '–' : (100 * rag.recall).toFixed(1)} % (${rag.truePositives} found, ${rag.falsePositives} false alarms, ${rag.falseNegatives} missed); right items with a warning: ${relWarned}`);
for (const [why, n] of unmeasured) console.log(`not measured: ${n} × ${why}`);
console.log(`flipped answers missed among the measured items: ${missedMeasured}`);
process.exitCode = ag.falsePositives === 0 && ag.falseNegatives === 0 && rag.falsePositives === 0 && missedMeasured === 0 ? 0 : 1;
