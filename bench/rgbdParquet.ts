// Writes a SPAR-Bench-RGBD parquet of synthetic items over the real NYU and Open3D frames (marks
// drawn, answers from the raw depth, every third wrong): for trying the audit and the review
// workspace on real frames.
//   npx tsx bench/rgbdParquet.ts <out.parquet> [--items N] [--relations N] [--seed S]
// --relations adds relation and imagination items (ids from 1000, every third with a part flipped).
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { rgbdItems } from '../src/test/rgbdItems';
import { rgbdParquet } from '../src/test/rgbdParquet';
import { rgbdRelationItems } from '../src/test/rgbdRelations';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { items: { type: 'string', default: '9' }, relations: { type: 'string', default: '0' }, seed: { type: 'string', default: '1' } } });
if (!positionals[0]) throw new Error('give the parquet file to write');
const { frames, items } = await rgbdItems(Number(values.items), Number(values.seed));
const relations = Number(values.relations) ? (await rgbdRelationItems(Number(values.relations), Number(values.seed))).items.map((r) => ({ ...r, id: 1000 + r.id })) : [];
const all = [...items, ...relations];
fs.writeFileSync(positionals[0], rgbdParquet(all, frames));
console.log(`${all.length} items (${all.filter((i) => i.wrong).length} wrong: ${all.filter((i) => i.wrong).map((i) => i.id).join(', ')}) → ${positionals[0]}`);
