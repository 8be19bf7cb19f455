// Writes a SPAR-Bench-RGBD parquet of synthetic items over the real NYU and Open3D frames (marks
// drawn, answers from the raw depth, every third wrong): for trying the audit and the review
// workspace on real frames.
//   npx tsx bench/rgbdParquet.ts <out.parquet> [--items N] [--relations N] [--seed S] [--undraw ID:COLOUR]… [--decoy ID:COLOUR]…
// --relations adds relation and imagination items (ids from 1000, every third with a part flipped).
// --undraw leaves that item's point of that colour out of its photo (the question still names it),
// and prints where it was meant to be; --decoy draws a second point of that colour on its first
// photo, and prints where the real one and the decoy are.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { rgbdItems } from '../src/test/rgbdItems';
import { rgbdParquet } from '../src/test/rgbdParquet';
import { rgbdRelationItems } from '../src/test/rgbdRelations';
import { withDecoyMark, withUndrawnMark } from '../src/test/rgbdUndrawn';
import type { MarkColour } from '../src/domain/qa/types';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { items: { type: 'string', default: '9' }, relations: { type: 'string', default: '0' }, seed: { type: 'string', default: '1' }, undraw: { type: 'string', multiple: true, default: [] }, decoy: { type: 'string', multiple: true, default: [] } } });
if (!positionals[0]) throw new Error('give the parquet file to write');
const { frames, items } = await rgbdItems(Number(values.items), Number(values.seed));
for (const u of values.undraw ?? []) {
  const [id, colour] = u.split(':');
  const k = items.findIndex((i) => String(i.id) === id);
  if (k < 0) throw new Error(`--undraw ${u}: no item ${id}`);
  const { item, meant } = await withUndrawnMark(items[k], frames, colour as MarkColour);
  items[k] = item;
  console.log(`item ${id}: the ${colour} point is not drawn; it was meant at image ${meant.image + 1}, uv ${meant.uv.map((v) => v.toFixed(2)).join(', ')}`);
}
for (const u of values.decoy ?? []) {
  const [id, colour] = u.split(':');
  const k = items.findIndex((i) => String(i.id) === id);
  if (k < 0) throw new Error(`--decoy ${u}: no item ${id}`);
  const { item, real, decoy } = await withDecoyMark(items[k], frames, colour as MarkColour);
  items[k] = item;
  console.log(`item ${id}: a second ${colour} point is drawn; real at ${real.map((v) => v.toFixed(2)).join(', ')}, decoy at ${decoy.map((v) => v.toFixed(2)).join(', ')}`);
}
const relations = Number(values.relations) ? (await rgbdRelationItems(Number(values.relations), Number(values.seed))).items.map((r) => ({ ...r, id: 1000 + r.id })) : [];
const all = [...items, ...relations];
fs.writeFileSync(positionals[0], rgbdParquet(all, frames));
console.log(`${all.length} items (${all.filter((i) => i.wrong).length} wrong: ${all.filter((i) => i.wrong).map((i) => i.id).join(', ')}) → ${positionals[0]}`);
