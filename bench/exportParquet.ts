// The SPAR-Bench parquet export in Node (the same domain code the review worker runs): N rows with
// their images embedded written as the export zip, the size estimated beforehand against the zip
// written, and the zip imported back (rows per second each way). Starts no process.
//
//   npx tsx bench/exportParquet.ts            (EXPORT_BENCH_ROWS=20000 by default)
import { deflateSync } from 'fflate';
import { encode as encodePng } from 'fast-png';
import { type ExportEntry, writeExport } from '../src/domain/review/exportBundle';
import { type ExportMeasure, estimateExport, formatSize } from '../src/domain/review/export/estimate';
import { parquetItemFile } from '../src/domain/review/export/parquetFile';
import { exportTarget, layoutRecord } from '../src/domain/review/export/records';
import { importAll } from '../src/domain/review/import/importer';
import type { QAItem } from '../src/domain/qa/types';

const N = Number(process.env.EXPORT_BENCH_ROWS ?? 20_000);
const IMAGES = 200; // distinct photos, shared by the rows as SPAR-Bench's scenes are

function png(seed: number): Uint8Array {
  const w = 64, h = 48;
  const data = new Uint8Array(w * h * 3);
  for (let i = 0; i < data.length; i++) data[i] = (i * 31 + seed * 97 + ((i / 3) | 0) * seed) & 255;
  return encodePng({ width: w, height: h, data, channels: 3, depth: 8 });
}

function item(i: number): QAItem {
  return {
    id: String(i),
    img_type: 'single_view',
    format_type: 'fill',
    source: 'scannet',
    image: [`bench.parquet/${i}_0.png`],
    task: 'depth_prediction_oc',
    question: `The camera coordinates show the towel (red point) at ${(1 + (i % 30) / 10).toFixed(1)} meters depth. What is the depth of the chair (blue point) number ${i}? The unit is meter.`,
    answer: (1 + (i % 40) / 10).toFixed(1),
    spatial_lens: { schema: 'spatial-lens/qa@1', format: 'fill', objects: [], marks: [], evidence: {}, scene: '', generator: { name: 'spatial-lens', version: 'import:spar-bench', seed: 0 }, source: { file: 'bench.parquet', line: i + 1, layout: 'spar-bench', id: i, imagePaths: [null] } },
  } as unknown as QAItem;
}

async function main() {
  const photos = Array.from({ length: IMAGES }, (_, k) => png(k));
  const entries: ExportEntry[] = Array.from({ length: N }, (_, i) => ({ appId: `bench.parquet#${i}`, item: item(i), images: [{ path: `bench.parquet/${i}_0.png`, blob: photos[i % IMAGES] }] }));

  // the measure the worker makes (records on a sample, images once per row here: parquet embeds per row)
  const sample = entries.slice(0, 300).map((e) => JSON.stringify(layoutRecord(e.item, undefined, 'spar-bench-parquet')));
  const text = new TextEncoder().encode(sample.join('\n'));
  const mean = text.length / sample.length;
  const measure: ExportMeasure = {
    items: N,
    records: new Map([['spar-bench-parquet', { bytes: Math.round(mean * N), packed: Math.round(mean * N * (deflateSync(text, { level: 1 }).length / text.length)) }]]),
    images: N,
    // SPAR-Bench rows each name their own embedded image
    imageBytes: entries.reduce((n, e) => n + (e.images[0].blob as Uint8Array).length, 0),
    rowImageBytes: entries.reduce((n, e) => n + (e.images[0].blob as Uint8Array).length, 0),
    missingImages: 0,
    marked: 0,
    markedPixels: 0,
    pathChars: 0,
    itemFiles: new Map([['spar-bench-parquet', 1]]),
  };
  const estimate = estimateExport(measure, 'spar-bench-parquet', true, false).bytes;

  const t0 = performance.now();
  let size = 0;
  const chunks: Uint8Array[] = [];
  await writeExport(
    entries,
    {
      recordOf: (it) => layoutRecord(it, undefined, 'spar-bench-parquet'),
      layoutOf: () => 'spar-bench',
      targetOf: (it) => ({ ...exportTarget(it, 'spar-bench-parquet', () => 0), file: () => parquetItemFile(true) }),
    },
    (c) => {
      size += c.length;
      chunks.push(c.slice());
    },
  );
  const writeMs = performance.now() - t0;
  const t1 = performance.now();
  const back = await importAll([{ path: 'export.zip', blob: new Blob(chunks as BlobPart[]) }]);
  const readMs = performance.now() - t1;
  if (back.items.length !== N || back.summary.problems) throw new Error(`reimport gave ${back.items.length} items and ${back.summary.problems} problems`);
  console.log(`SPAR-Bench parquet export, ${N.toLocaleString()} rows, one ${formatSize(measure.imageBytes / N)} PNG each:`);
  console.log(`  write  ${writeMs.toFixed(0)} ms (${Math.round(N / (writeMs / 1000)).toLocaleString()} rows/s), zip ${formatSize(size)}`);
  console.log(`  estimate before writing ${formatSize(estimate)} (${((estimate / size - 1) * 100).toFixed(1)} % off)`);
  console.log(`  import back ${readMs.toFixed(0)} ms (${Math.round(N / (readMs / 1000)).toLocaleString()} rows/s): ${back.items.length.toLocaleString()} items, same ids: ${back.items.every((it, i) => it.appId === entries[i].appId)}`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
