// Writes a SPAR-7M-RGBD folder (images, depth, intrinsic/*.txt, pose/<n>.txt and a JSONL of
// single-view and `_mv` items, some wrong) from the real Open3D redwood frames: for trying the
// camera files' import, the audit and the multi-view lift.
//   npx tsx bench/spar7mFolder.ts <out dir>      → <out dir>/spar/
import fs from 'node:fs';
import { writeSpar7mFixture } from '../src/test/spar7mLayout';

const out = process.argv[2];
if (!out) throw new Error('give the folder to write into');
fs.mkdirSync(out, { recursive: true });
const fx = writeSpar7mFixture(out);
console.log(JSON.stringify({ root: fx.root, items: fx.items.map((i) => ({ id: i.id, task: i.task, wrong: i.wrong, measurable: i.measurable, truth: +i.truth.toFixed(3), answer: i.answer })) }));
