// Writes the review-import fixtures under src/test/fixtures/review/ (see the README there).
// Deterministic: running it again gives the same files (PNGs with fast-png, JPEGs with sharp,
// the parquet file with hyparquet-writer).
//
//   npx tsx scripts/makeReviewFixtures.ts
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encode as encodePng } from 'fast-png';
import { ByteWriter, parquetWrite } from 'hyparquet-writer';
import sharp from 'sharp';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'src/test/fixtures/review');
const SHARED = path.resolve(ROOT, '../shared/data/benchmarks/spar7m_readme_example.jsonl');
const GOLDEN = path.join(ROOT, 'src/domain/qa/generate/golden/living-room.jsonl');

/** A tiny real PNG: a w×h RGB gradient tinted by `seed`. */
export function tinyPng(width: number, height: number, seed: number): Uint8Array {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      data[i] = (x * 37 + seed * 50) & 255;
      data[i + 1] = (y * 53 + seed * 20) & 255;
      data[i + 2] = (seed * 90) & 255;
    }
  return encodePng({ width, height, data, channels: 3, depth: 8 });
}

const jpeg = (width: number, height: number, r: number, g: number, b: number) =>
  sharp({ create: { width, height, channels: 3, background: { r, g, b } } })
    .jpeg({ quality: 40 })
    .toBuffer();

async function put(rel: string, data: string | Uint8Array) {
  const file = path.join(OUT, rel);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, data);
}

const jsonl = (records: unknown[]) => records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';

/**
 * The depth map the README record names (16-bit PNG, millimetres, as ScanNet's): 1.6 m under the
 * red point (the counter, as the question says), 1.5 m under the README record's blue point (the
 * towel, as its answer says), 1.9 m under the second record's blue point (the sink).
 * Marks in pixels: red (353.9, 190.6), blue (410.2, 402.2), the second blue (160, 240).
 */
function depth543(): Uint8Array {
  const width = 640, height = 480;
  const data = new Uint16Array(width * height);
  for (let v = 0; v < height; v++)
    for (let u = 0; u < width; u++) data[v * width + u] = v >= 300 ? 1500 : u < 250 && v >= 180 ? 1900 : 1600;
  return encodePng({ width, height, data, channels: 1, depth: 16 });
}

// ---- SPAR-Bench rows (docs/formats.md, SPAR-Bench layout columns exactly) ----
export const PNG_A = { width: 8, height: 6, seed: 1 };
export const PNG_B = { width: 6, height: 4, seed: 2 };

interface BenchRow {
  id: number;
  img_type: string;
  format_type: string;
  task: string;
  source: string;
  images: { png: typeof PNG_A; path: string | null }[];
  question: string;
  answer: string;
}

const BENCH_ROWS: BenchRow[] = [
  {
    id: 0,
    img_type: 'single_view',
    format_type: 'fill',
    task: 'depth_prediction_oc',
    source: 'scannet',
    images: [{ png: PNG_A, path: 'scene0011_00_color_000.png' }],
    question: 'The camera coordinates show the towel (red point) at 1.0 meters depth. What is the depth of the towel (blue point)? The unit is meter.',
    answer: '0.9',
  },
  {
    id: 1,
    img_type: 'multi_view',
    format_type: 'fill',
    task: 'distance_prediction_oo_mv',
    source: 'scannet',
    images: [
      { png: PNG_A, path: null },
      { png: PNG_B, path: null },
    ],
    question: 'How far apart are the chair (red point, first image) and the lamp (blue point, second image)? The unit is meter.',
    answer: '2.3',
  },
  {
    id: 2,
    img_type: 'single_view',
    format_type: 'select',
    task: 'obj_spatial_relation_oo',
    source: 'scannet',
    images: [{ png: PNG_B, path: null }],
    question: 'Where is the sofa (red box) relative to the table (blue box)? A. left; B. right; C. in front; D. behind. Answer with the option letter.',
    answer: 'B',
  },
  {
    id: 3,
    img_type: 'multi_view',
    format_type: 'fill',
    task: 'view_change_infer',
    source: 'scannet',
    images: [
      { png: PNG_A, path: null },
      { png: PNG_B, path: null },
    ],
    question: 'How did the camera move from the first image to the second? Give the movement as key:value pairs.',
    answer: 'move_right:0.3,rotate_left:15,move_forward:1.2',
  },
  {
    id: 4,
    img_type: 'multi_view',
    format_type: 'select',
    task: 'camera_motion_infer',
    source: 'scannet',
    images: [
      { png: PNG_B, path: null },
      { png: PNG_A, path: null },
    ],
    question: 'Which way did the camera turn between the two views?\nA. left\nB. right\nC. up\nD. down\nAnswer with the letter only.',
    answer: 'A',
  },
];

const HF_FEATURES = {
  info: {
    features: {
      id: { dtype: 'int64', _type: 'Value' },
      img_type: { dtype: 'string', _type: 'Value' },
      format_type: { dtype: 'string', _type: 'Value' },
      task: { dtype: 'string', _type: 'Value' },
      source: { dtype: 'string', _type: 'Value' },
      image: { feature: { _type: 'Image' }, _type: 'Sequence' },
      question: { dtype: 'string', _type: 'Value' },
      answer: { dtype: 'string', _type: 'Value' },
    },
  },
};

/** The rows as a parquet file laid out as HF datasets writes it (image: list<struct<bytes, path>>). */
export function sparBenchParquet(rows: BenchRow[]): Uint8Array {
  const str = (name: string) => ({ name, type: 'BYTE_ARRAY' as const, converted_type: 'UTF8' as const, repetition_type: 'OPTIONAL' as const });
  const writer = new ByteWriter();
  parquetWrite({
    writer,
    columnData: [
      { name: 'id', data: rows.map((r) => BigInt(r.id)) },
      { name: 'img_type', data: rows.map((r) => r.img_type) },
      { name: 'format_type', data: rows.map((r) => r.format_type) },
      { name: 'task', data: rows.map((r) => r.task) },
      { name: 'source', data: rows.map((r) => r.source) },
      { name: 'image', data: rows.map((r) => r.images.map((im) => ({ bytes: tinyPng(im.png.width, im.png.height, im.png.seed), path: im.path }))) },
      { name: 'question', data: rows.map((r) => r.question) },
      { name: 'answer', data: rows.map((r) => r.answer) },
    ],
    schema: [
      { name: 'schema', num_children: 8 },
      { name: 'id', type: 'INT64', repetition_type: 'OPTIONAL' },
      str('img_type'),
      str('format_type'),
      str('task'),
      str('source'),
      { name: 'image', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
      { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
      { name: 'element', repetition_type: 'OPTIONAL', num_children: 2 },
      { name: 'bytes', type: 'BYTE_ARRAY', repetition_type: 'OPTIONAL' },
      str('path'),
      str('question'),
      str('answer'),
    ],
    // Two row groups, so reading a group at a time is exercised
    rowGroupSize: 3,
    kvMetadata: [{ key: 'huggingface', value: JSON.stringify(HF_FEATURES) }],
    createdBy: 'spatial-lens fixtures (hyparquet-writer)',
  });
  return writer.getBytes();
}

async function main() {
  await rm(OUT, { recursive: true, force: true });

  // SPAR-Bench parquet
  await put('spar-bench/test-00000-of-00001.parquet', sparBenchParquet(BENCH_ROWS));

  // SPAR-Bench as JSONL with image files (image = file names)
  await put('spar-bench-jsonl/images/sb_0_0.png', tinyPng(PNG_A.width, PNG_A.height, PNG_A.seed));
  await put('spar-bench-jsonl/images/sb_1_0.png', tinyPng(PNG_A.width, PNG_A.height, PNG_A.seed));
  await put('spar-bench-jsonl/images/sb_1_1.png', tinyPng(PNG_B.width, PNG_B.height, PNG_B.seed));
  await put('spar-bench-jsonl/images/sb_2_0.png', tinyPng(PNG_B.width, PNG_B.height, PNG_B.seed));
  const line = (r: BenchRow, image: string[]) => ({ id: r.id, img_type: r.img_type, format_type: r.format_type, task: r.task, source: r.source, image, question: r.question, answer: r.answer });
  await put(
    'spar-bench-jsonl/sparbench_test.jsonl',
    jsonl([
      line(BENCH_ROWS[0], ['sb_0_0.png']),
      line(BENCH_ROWS[1], ['sb_1_0.png', 'sb_1_1.png']),
      // html in the question (flagged, never stripped)
      line({ ...BENCH_ROWS[2], question: BENCH_ROWS[2].question.replace('the sofa', 'the <b>sofa</b>') }, ['sb_2_0.png']),
      // the same id again: reported, skipped
      line({ ...BENCH_ROWS[2], answer: 'C' }, ['sb_2_0.png']),
      // an image that is not in the drop
      line(BENCH_ROWS[3], ['sb_3_0.png', 'sb_3_1.png']),
    ]),
  );

  // SPAR-7M: the README's real record, one blank line, one malformed line, more records
  const readme = (await readFile(SHARED, 'utf8')).trim();
  const real = JSON.parse(readme) as Record<string, unknown>;
  const second = {
    ...real,
    id: 'scene0261_00_17',
    conversations: [
      { from: 'human', value: 'With the counter (red point) having a depth of 1.6 meters, determine the depth of sink (blue point) in the same frame.  Calculate or judge based on the 3D center points of these objects. The unit is meter.' },
      { from: 'gpt', value: "sink's central depth is estimated to be about 1.9 meters." },
    ],
    red_point: [[553, 397]],
    blue_point: [[250, 500]],
  };
  const base = 'spar7m/scannet';
  await put(`${base}/qa_jsonl/train/depth_prediction_oc/sentence/sentence_2.jsonl`, readme + '\n\n' + '{"id": "scene0261_00_99", "conversations": [\n' + JSON.stringify(second) + '\n');
  await put(`${base}/images/scene0261_00/image_color/543.jpg`, await jpeg(640, 480, 128, 128, 128));
  await put(`${base}/images/scene0261_00/image_depth/543.png`, depth543());

  // Multi-view records as docs/formats.md, SPAR-7M layout lays them out (point_img_idx / bbox_img_idx)
  await put(`${base}/images/scene0011_00/image_color/0.jpg`, await jpeg(320, 240, 200, 180, 160));
  await put(`${base}/images/scene0011_00/image_color/20.jpg`, await jpeg(320, 240, 160, 180, 200));
  await put(
    `${base}/qa_jsonl/train/distance_prediction_oo_mv/fill/fill_1.jsonl`,
    jsonl([
      {
        id: 'scene0011_00_3',
        conversations: [
          { from: 'human', value: 'What is the distance between the chair (red point) in the first image and the lamp (blue point) in the second image? The unit is meter.' },
          { from: 'gpt', value: '2.1' },
        ],
        image: ['scene0011_00/image_color/0.jpg', 'scene0011_00/image_color/20.jpg'],
        type: 'distance_prediction_oo_mv',
        red_point: [[250, 500]],
        blue_point: [[750, 125]],
        point_img_idx: [[0, 1]],
      },
    ]),
  );
  await put(
    `${base}/qa_jsonl/train/depth_prediction_oo_mv/fill/fill_1.jsonl`,
    jsonl([
      {
        id: 'scene0042_00_8',
        conversations: [
          { from: 'human', value: 'The chair (red point) is 2.0 meters deep in its view. How deep is the table (blue point) in the view of the shelf (green point)? The unit is meter.' },
          { from: 'gpt', value: '3.4' },
        ],
        image: ['scene0042_00/image_color/100.jpg', 'scene0042_00/image_color/140.jpg', 'scene0042_00/image_color/180.jpg'],
        type: 'depth_prediction_oo_mv',
        depth: ['scene0042_00/image_depth/100.png', 'scene0042_00/image_depth/140.png', 'scene0042_00/image_depth/180.png'],
        red_point: [[100, 200]],
        blue_point: [[500, 500]],
        green_point: [[900, 800]],
        point_img_idx: [[0, 2, 1]],
      },
    ]),
  );
  await put(
    `${base}/qa_jsonl/train/obj_spatial_relation_oo_mv/select/select_1.jsonl`,
    jsonl([
      {
        id: 'scene0011_00_9',
        conversations: [
          { from: 'human', value: 'Is the chair (red box, first image) to the left or the right of the lamp (blue box, second image)? A. left; B. right. Your answer can only include one of options A or B.' },
          { from: 'gpt', value: 'A' },
        ],
        image: ['scene0011_00/image_color/0.jpg', 'scene0011_00/image_color/20.jpg'],
        type: 'obj_spatial_relation_oo_mv',
        red_bbox: [[100, 100, 400, 600]],
        blue_bbox: [[500, 250, 900, 750]],
        bbox_img_idx: [[0, 1]],
      },
    ]),
  );

  // Our own QA items: the first three lines of the golden file
  const golden = (await readFile(GOLDEN, 'utf8')).split('\n').slice(0, 3);
  await put('qa/living-room.jsonl', golden.join('\n') + '\n');

  await put(
    'README.md',
    `# Review import fixtures

Written by \`scripts/makeReviewFixtures.ts\` (\`npx tsx scripts/makeReviewFixtures.ts\`); do not edit by hand.
Released with the project under its licence, except the one SPAR-7M README record, which comes from
fudan-zvg/spar (MIT; annotations MIT per the SPAR-7M dataset card).

- \`spar-bench/test-00000-of-00001.parquet\`: five SPAR-Bench rows with exactly the columns of
  docs/formats.md, SPAR-Bench layout (\`id\` int64, \`img_type\`, \`format_type\`, \`task\`, \`source\`, \`image\` as a list
  of \`{bytes, path}\` structs as HF datasets stores images, \`question\`, \`answer\`), written with
  hyparquet-writer (snappy, two row groups of 3 and 2 rows, HF \`huggingface\` features metadata).
  Images are tiny real PNGs (8×6 and 6×4, fast-png). Rows: 0 fill, 1 multi-view fill, 2 select
  (options "A. left; B. right; …" in the question), 3 \`view_change_infer\` (key:value answer),
  4 select with one option a line. The question texts are made up in SPAR's style (no real
  SPAR-Bench record could be obtained, the shared reference data notes none was published); \`multi_view\` as the
  \`img_type\` of multi-view rows is an assumption.
- \`spar-bench-jsonl/\`: the same kind of rows as JSONL with \`image\` as bare file names, images in
  \`images/\`; line 3 has HTML in its question, line 4 repeats id 2, line 5 names images that are absent.
- \`spar7m/scannet/\`: SPAR-7M's layout (\`qa_jsonl/train/<task>/<format>/\`, \`images/\`).
  \`depth_prediction_oc/sentence/sentence_2.jsonl\`: line 1 is the real README record (copied
  unchanged from shared/data/benchmarks/spar7m_readme_example.jsonl), line 2 is blank, line 3 is
  malformed JSON, line 4 a second record. Its image \`scene0261_00/image_color/543.jpg\` is a
  640×480 grey JPEG (sharp), so the marks land at hand-computable pixels; its depth map
  \`scene0261_00/image_depth/543.png\` (16-bit, millimetres) is 1.6 m under the red point, 1.5 m
  under the README record's blue point and 1.9 m under the second record's, as their texts say. The multi-view records
  follow docs/formats.md, SPAR-7M layout (\`point_img_idx\`, \`bbox_img_idx\`); \`scene0011_00\` images (320×240 JPEGs) are
  present, \`scene0042_00\` images are not.
- \`qa/living-room.jsonl\`: the first three lines of src/domain/qa/generate/golden/living-room.jsonl.
`,
  );
}

await main();
