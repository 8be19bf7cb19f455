// Imports one zip with the review import of a checkout, in Node (what the browser's review worker
// runs), and prints what it reported: the zip bomb measured outside the browser.
//   node --import tsx bench/robustness/support/importZip.ts <checkout> <file.zip>
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [checkout, file] = process.argv.slice(2);
const { importAll } = (await import(pathToFileURL(path.join(checkout, 'src/domain/review/import/importer.ts')).href)) as typeof import('../../../src/domain/review/import/importer');
const { openAsBlob } = await import('node:fs');
const r = await importAll([{ path: path.basename(file), blob: await openAsBlob(file) }]);
console.log(JSON.stringify({ items: r.items.length, problems: r.problems.map((p) => `${p.file}: ${p.message}`) }));
