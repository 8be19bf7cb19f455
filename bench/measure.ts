// Items measured again from RGB-D: synthetic SPAR-Bench items over the real NYU and Open3D frames
// (answers from the raw depth at the drawn pixel, every third deliberately wrong), audited by
// measureItem. Prints the measurement error per task and the audit's precision and recall.
//   npx tsx bench/measure.ts [--items N] [--seed S]
import { parseArgs } from 'node:util';
import { measureItem } from '../src/domain/qa/audit/measureItem';
import { auditAgreement } from '../src/domain/review/errorRate';
import { asQAItem, itemImages } from '../src/test/rgbdAudit';
import { rgbdItems } from '../src/test/rgbdItems';

const { values } = parseArgs({ options: { items: { type: 'string', default: '140' }, seed: { type: 'string', default: '1' } } });
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
process.exitCode = ag.falsePositives === 0 && ag.falseNegatives === 0 ? 0 : 1;
