// Writes a SPAR-Bench-RGBD parquet of synthetic items over the real NYU and Open3D frames (marks
// drawn, answers from the raw depth, every third wrong): for trying the audit and the review
// workspace on real frames.
//   npx tsx bench/rgbdParquet.ts <out.parquet> [--items N] [--seed S]
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { rgbdItems } from '../src/test/rgbdItems';
import { rgbdParquet } from '../src/test/rgbdParquet';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { items: { type: 'string', default: '9' }, seed: { type: 'string', default: '1' } } });
if (!positionals[0]) throw new Error('give the parquet file to write');
const { frames, items } = await rgbdItems(Number(values.items), Number(values.seed));
fs.writeFileSync(positionals[0], rgbdParquet(items, frames));
console.log(`${items.length} items (${items.filter((i) => i.wrong).length} wrong: ${items.filter((i) => i.wrong).map((i) => i.id).join(', ')}) → ${positionals[0]}`);
