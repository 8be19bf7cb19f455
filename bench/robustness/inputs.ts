// The bad-input table: more than forty hostile or broken inputs given to the app the way a person
// gives them (dropped on the scene, imported in the Review tab, restored as a backup) and to the
// command line, with the message each gets. Every one must get a clear message that names what is
// wrong — never a raw exception text — and nothing else may break.
//   npx tsx bench/robustness/inputs.ts
import fs from 'node:fs';
import path from 'node:path';
import { encode } from 'fast-png';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { writeBackup } from '../../src/domain/review/backup';
import { writeExport } from '../../src/domain/review/exportBundle';
import { importAll } from '../../src/domain/review/import/importer';
import { sourceRecord } from '../../src/domain/review/import/layouts';
import { ReviewState } from '../../src/domain/review/state';
import { type ItemSource, REVIEW_SCHEMA, type StoredDecision } from '../../src/domain/review/types';
import { depthPngBomb, zeroZip } from '../../src/test/bombs';
import { BASE, type Chromium, ROOT, SHARED, dropStaged, launchChromium, log, runCli, runMain, serveApp, stageFiles, table, tmpDir } from './support/harness';

/** Text only a crash or a property read by mistake produces. */
const RAW = /TypeError|ReferenceError|RangeError|SyntaxError|Cannot read propert|is not a function|is not iterable|\bundefined\b|\bnull\b|\[object Object\]|function Object|Invalid typed array|ModelProto|Unexpected token|\bat [\w.<>]+ \(|\bNaN\b/;

interface Case {
  surface: 'scene drop' | 'review import' | 'restore' | 'CLI';
  input: string;
  /** What the message must say (the file and what is wrong with it). */
  expect: RegExp;
}
interface Result extends Case {
  message: string;
  ok: boolean;
}

const RGB = path.join(SHARED, 'nyu/rgb/rgb_00000.jpg');
const DEPTH = path.join(SHARED, 'nyu/depth/sync_depth_00000.png');
const FIX = path.join(ROOT, 'src/test/fixtures/review');

async function messages(c: Chromium, timeoutMs = 30_000): Promise<string> {
  // the first message, then whatever else arrives while work finishes
  await c.page.locator('.overlays .message span, [data-testid="modified-export"]').first().waitFor({ timeout: timeoutMs });
  await c.page.locator('[data-testid="progress"]').waitFor({ state: 'detached', timeout: timeoutMs }).catch(() => undefined);
  await c.page.waitForTimeout(300);
  const dialog = c.page.getByTestId('modified-export');
  if (await dialog.count()) {
    const text = `${await dialog.locator('h2').textContent()}: ${(await dialog.getByTestId('modified-files').locator('li').allTextContents()).join('; ')}`;
    await c.page.getByTestId('modified-refuse').click();
    return text;
  }
  return (await c.page.locator('.overlays .message span').allTextContents()).join(' / ');
}

async function dismiss(c: Chromium) {
  await c.page.evaluate(() => document.querySelectorAll<HTMLButtonElement>('.overlays .message button[aria-label="Dismiss"]').forEach((b) => b.click()));
}

/** Files for every case, made here (nothing large is committed). */
function makeFiles(dir: string) {
  const f = (name: string, data: string | Uint8Array) => {
    const p = path.join(dir, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, data);
    return p;
  };
  const rgb = fs.readFileSync(RGB);
  const pngHeader = (w: number, h: number, bitDepth = 8, colour = 2) => {
    const b = Buffer.from(encode({ width: 2, height: 2, data: new Uint8Array(12), depth: 8, channels: 3 }));
    b.writeUInt32BE(w, 16);
    b.writeUInt32BE(h, 20);
    b[24] = bitDepth;
    b[25] = colour;
    return b;
  };
  const sb = (o: Record<string, unknown>) => JSON.stringify({ id: 1, img_type: 'single_view', format_type: 'fill', task: 'depth_prediction_oc', source: 'scannet', image: ['a.png'], question: 'q', answer: '1', ...o });
  return {
    f,
    empty: f('scene/empty.jpg', ''),
    truncated: f('scene/truncated.jpg', rgb.subarray(0, rgb.length / 2)),
    text: f('scene/notes.jpg', 'this is a text file, not a photo'),
    heic: f('scene/IMG_0001.heic', Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), Buffer.alloc(200)])),
    gif: f('scene/anim.gif', Buffer.from('GIF89a\x02\x00\x02\x00\x00\x00\x00;', 'latin1')),
    bigPhoto: f('scene/huge.png', pngHeader(20000, 20000)),
    depthBomb: f('scene/depth_bomb.png', depthPngBomb()),
    depth8: f('scene/depth8.png', encode({ width: 640, height: 480, data: new Uint8Array(640 * 480), depth: 8, channels: 1 })),
    depthWrongSize: f('scene/depth_square.png', encode({ width: 100, height: 100, data: new Uint16Array(100 * 100).fill(1000), depth: 16, channels: 1 })),
    depthZero: f('scene/depth_zero.png', encode({ width: 640, height: 480, data: new Uint16Array(640 * 480), depth: 16, channels: 1 })),
    kNegative: f('scene/camera.json', JSON.stringify({ fx: -500, fy: 500, cx: 320, cy: 240 })),
    kNotJson: f('scene/intrinsics.json', '{"fx": 500, "fy": '),
    emptyOnnx: f('scene/empty.onnx', ''),
    junkOnnx: f('scene/junk.onnx', 'this is not an ONNX model, only some words in a file'),
    unknown: f('scene/readme.txt', 'hello'),
    sceneV2: f('scene/room.scene.json', JSON.stringify({ schema: 'spatial-lens/scene@2', id: 'room' })),
    coco: f('scene/coco.json', JSON.stringify({ images: [{ id: 1, file_name: 'rgb_00000.jpg', width: 640, height: 480 }], annotations: [{ id: 1, image_id: 1, category_id: 999, bbox: [1, 1, 5, 5] }], categories: [{ id: 1, name: 'cup' }] })),
    // review import
    bomb: f('review/bomb.zip', zeroZip([{ name: 'x.jsonl', bytes: 2.3e9 }])),
    liar: f('review/liar.zip', zeroZip([{ name: 'x.jsonl', bytes: 2.3e9, sizes: 'small' }])),
    manyZeros: f('review/many.zip', zeroZip(Array.from({ length: 200 }, (_, i) => ({ name: `z${i}.bin`, bytes: 12e6, sizes: 'none' as const })))),
    emptyJsonl: f('review/empty.jsonl', ''),
    blankJsonl: f('review/blank.jsonl', '\n\n   \n'),
    notJson: f('review/notes.jsonl', 'this is not JSON\n'),
    future: f('review/future.jsonl', `${JSON.stringify({ id: 'f1', image: ['x.jpg'], task: 't', question: 'q', answer: '1', spatial_lens: { schema: 'spatial-lens/qa@2' } })}\n`),
    noQuestion: f('review/noquestion.jsonl', `${sb({ question: undefined })}\n`),
    badAnswer: f('review/badanswer.jsonl', `${sb({ answer: { value: 1 } })}\n`),
    cutParquet: f('review/cut.parquet', fs.readFileSync(path.join(FIX, 'spar-bench/test-00000-of-00001.parquet')).subarray(0, 2000)),
    damagedParquet: (() => {
      const b = fs.readFileSync(path.join(FIX, 'spar-bench/test-00000-of-00001.parquet'));
      const footer = b.readUInt32LE(b.length - 8) + 8;
      return f('review/damaged.parquet', Buffer.concat([b.subarray(0, 1071), b.subarray(1121, b.length - footer), b.subarray(b.length - footer)]));
    })(),
    jsonlAsParquet: f('review/items.parquet', 'PAR1 not really'),
    traversal: f('review/evil.zip', zipSync({ '../escape.jsonl': strToU8(sb({})), '/abs/x.jsonl': strToU8(sb({})) })),
    notZip: f('review/broken.zip', 'PK\x03\x04 and then nothing that a zip holds'),
    nested: f('review/nested.zip', zipSync({ 'a.zip': zipSync({ 'b.zip': zipSync({ 'c.zip': zipSync({ 'd.jsonl': strToU8(sb({})) }) }) }) })),
    backupAsImport: f('review/backup-as-import.zip', zipSync({ 'backup.json': strToU8(JSON.stringify({ schema: 'spatial-lens/backup@1' })) })),
    imagesOnly: f('review/just-a-photo.json', '[]'),
  };
}

type Files = ReturnType<typeof makeFiles>;

async function changedExport(f: Files['f']): Promise<string> {
  const r = await importAll([{ path: 'rows.jsonl', blob: new Blob([[0, 1].map((k) => `{"id":${k},"format_type":"fill","task":"t","image":[],"question":"q${k}","answer":"${k}"}`).join('\n')]) }]);
  const log: StoredDecision[] = r.items.map((i, k) => ({ schema: REVIEW_SCHEMA, item: i.appId, decision: 'accept', reviewer: 'ana', startedAt: '2026-01-01T00:00:00.000Z', decidedAt: '2026-01-01T00:00:05.000Z', key: k + 1, uid: `u${k}`, project: 'p' }));
  const state = new ReviewState(log, 'p');
  const parts: Uint8Array[] = [];
  await writeExport(
    r.items.map((i) => ({ appId: i.appId, item: i.item, review: state.latest(i.appId), images: [] })),
    { recordOf: (item, d) => sourceRecord(item, d && d.decision !== 'undo' ? { decision: d.decision, reviewer: d.reviewer, startedAt: d.startedAt, decidedAt: d.decidedAt } : undefined), layoutOf: (item) => (item.spatial_lens.source as ItemSource).layout },
    (c) => void parts.push(c.slice()),
  );
  const files = unzipSync(Buffer.concat(parts));
  const items = Object.keys(files).find((p) => p.startsWith('items/'))!;
  files[items] = strToU8(new TextDecoder().decode(files[items]).replace('"answer":"1"', '"answer":"7"'));
  return f('review/changed-export.zip', zipSync(files));
}

async function backups(f: Files['f']) {
  const parts: Uint8Array[] = [];
  await writeBackup(
    {
      project: { id: 'p1', name: 'P' },
      items: [{ id: 'a#1', seq: 1, scene: 's', task: 't', item: { id: '1', image: [], task: 't', question: 'q', answer: '1', spatial_lens: { schema: 'spatial-lens/qa@1', format: 'fill', objects: [], marks: [], evidence: {}, scene: 's', generator: { name: 'spatial-lens', version: '0', seed: 0 } } } }],
      decisions: [{ schema: REVIEW_SCHEMA, item: 'a#1', decision: '__proto__' as 'accept', reviewer: 'ana', startedAt: 'x', decidedAt: 'y', key: 1, uid: 'u1', project: 'p1' }],
    },
    (c) => void parts.push(c.slice()),
  );
  const hostile = Buffer.concat(parts);
  const files = unzipSync(hostile);
  const header = new TextDecoder().decode(files['backup.json']);
  const withHeader = (text: string) => zipSync({ ...files, 'backup.json': strToU8(text) });
  const changedItems = { ...files, 'items.jsonl': strToU8(new TextDecoder().decode(files['items.jsonl']).replace('"q"', '"edited"')) };
  return {
    notZip: f('restore/backup.txt', 'not a backup at all'),
    exportNotBackup: f('restore/export.zip', zipSync({ 'manifest.json': strToU8('{"schema":"spatial-lens/export@1","files":[]}') })),
    cutHeader: f('restore/cut-header.zip', withHeader(header.slice(0, header.length / 2))),
    noProject: f('restore/no-project.zip', withHeader(JSON.stringify({ ...JSON.parse(header), project: undefined }))),
    changed: f('restore/changed.zip', zipSync(changedItems)),
    hostileRow: f('restore/hostile-row.zip', hostile),
    bomb: f('restore/bomb.zip', zeroZip([{ name: 'backup.json', bytes: 2.3e9 }])),
    newer: f('restore/newer.zip', withHeader(header.replace('spatial-lens/backup@1', 'spatial-lens/backup@2'))),
  };
}

async function main(): Promise<boolean> {
  const dir = tmpDir('sl-inputs-');
  const F = makeFiles(dir);
  const changed = await changedExport(F.f);
  const B = await backups(F.f);
  const results: Result[] = [];
  const record = (c: Case, message: string) => {
    const ok = c.expect.test(message) && !RAW.test(message);
    results.push({ ...c, message, ok });
    log(`${ok ? 'ok  ' : 'FAIL'} ${c.surface}: ${c.input} → ${message}`);
  };

  await serveApp();
  const c = await launchChromium();

  // ---- dropped on the scene (each on a fresh page, so one input cannot hide the next)
  const scene: [string, string[], RegExp][] = [
    ['an empty photo (0 bytes)', [F.empty], /empty\.jpg is empty \(0 bytes\)/],
    ['a photo cut in half', [F.truncated], /truncated\.jpg .*truncated/],
    ['a text file named .jpg', [F.text], /notes\.jpg is not an image/],
    ['a HEIC photo', [F.heic], /IMG_0001\.heic is HEIC\/HEIF.*Convert it to JPEG/],
    ['a GIF', [F.gif], /anim\.gif is GIF; expected JPEG, PNG or WebP/],
    ['a PNG whose header claims 20000×20000', [F.bigPhoto], /huge\.png claims 20000×20000 pixels \(400 MP\), over the 100 MP limit/],
    ['a 16-bit depth PNG of 30000×30000 (2.5 MB, 1.8 GB of pixels)', [RGB, F.depthBomb], /depth_bomb\.png is 30000×30000 pixels \(900 MP\).*limit for a depth map is 50 MP/],
    ['an 8-bit depth map', [RGB, F.depth8], /depth8\.png is an 8-bit PNG; a depth map must be 16-bit/],
    ['a depth map of another shape than the photo', [RGB, F.depthWrongSize], /depth_square\.png is 100×100 but the photo is 640×480/],
    ['a depth map without a valid pixel', [RGB, F.depthZero], /depth_zero\.png has no valid pixel/],
    ['intrinsics with a negative focal length', [RGB, DEPTH, F.kNegative], /camera\.json|focal|fx/],
    ['intrinsics that are not JSON', [RGB, DEPTH, F.kNotJson], /intrinsics\.json is not valid JSON: it ends before its JSON does \(cut short\?\)/],
    ['an empty .onnx model', [F.emptyOnnx], /empty\.onnx is empty \(0 bytes\)/],
    ['a text file named .onnx', [F.junkOnnx], /junk\.onnx is not (a valid )?(an )?ONNX model/],
    ['a .txt file', [F.unknown], /readme\.txt ignored: not a photo/],
    ['a scene file of a newer schema', [F.sceneV2], /room\.scene\.json has schema spatial-lens\/scene@2; this version reads spatial-lens\/scene@1 only/],
    ['COCO annotations whose one category is unknown', [RGB, F.coco], /category_id 999/],
  ];
  for (const [input, files, expect] of scene) {
    await c.page.goto(`${BASE}?nosample`);
    await stageFiles(c, files);
    await dropStaged(c);
    record({ surface: 'scene drop', input, expect }, await messages(c).catch(() => '(no message)'));
  }

  // ---- the Review tab's import
  await c.page.goto(`${BASE}?nosample`);
  await c.page.getByTestId('mode-review').click();
  const review: [string, string, RegExp][] = [
    ['a zip of 2.3 MB stating 2.3 GB (a bomb)', F.bomb, /bomb\.zip: the zip would expand 1011 times \(2\.3 MB to 2\.3 GB\); the limit is 100 times/],
    ['a zip bomb stating 1 KB per entry (lying)', F.liar, /x\.jsonl inflates past the 1 KB it states/],
    ['200 entries of 12 MB of zeros', F.manyZeros, /many\.zip: the zip would expand \d+ times .*the limit is 100 times/],
    ['an empty .jsonl', F.emptyJsonl, /empty\.jsonl: the file is empty \(0 bytes\)/],
    ['a .jsonl of blank lines', F.blankJsonl, /blank\.jsonl: the file holds only blank lines/],
    ['a .jsonl that is not JSON', F.notJson, /notes\.jsonl:1: not valid JSON: it is not JSON \(it starts with “this is not JSON”\)/],
    ['an item of a newer schema (qa@2)', F.future, /future\.jsonl:1: spatial_lens\.schema is "spatial-lens\/qa@2"/],
    ['a SPAR-Bench row without its question', F.noQuestion, /noquestion\.jsonl:1: a SPAR-Bench row needs task, question, answer and image; this one lacks question/],
    ['a SPAR-Bench row whose answer is an object', F.badAnswer, /badanswer\.jsonl:1: answer should be text/],
    ['a parquet file cut short', F.cutParquet, /cut\.parquet: cut\.parquet is not a readable parquet file: its footer .* is missing or damaged/],
    ['a parquet file with data cut out', F.damagedParquet, /damaged\.parquet is damaged or cut short: rows \d+–\d+ of 5 could not be read/],
    ['text named .parquet', F.jsonlAsParquet, /items\.parquet is not a readable parquet file/],
    ['a zip whose entries climb out (../, /abs)', F.traversal, /climbs out of the archive|is an absolute path/],
    ['a file named .zip that is not one', F.notZip, /broken\.zip.*(no files were found in it: is it a zip archive\?|could not be read)/],
    ['zips nested four deep', F.nested, /a zip nested this deep was not unpacked/],
    ['a backup dropped on the import', F.backupAsImport, /whole-project backup: bring it back with Restore/],
    ['an export whose answer was edited after export', changed, /changed-export\.zip was changed after it was exported: items\/spar-bench\.jsonl does not match the SHA-256/],
    ['a .json holding an empty list', F.imagesOnly, /just-a-photo\.json: the file holds only white space|just-a-photo\.json.*(empty|nothing|not a QA item)/],
  ];
  for (const [input, file, expect] of review) {
    await dismiss(c);
    await c.page.getByTestId('review-file-input').setInputFiles(file);
    record({ surface: 'review import', input, expect }, await messages(c).catch(() => '(no message)'));
  }

  // ---- Restore…
  const restore: [string, string, RegExp][] = [
    ['a text file given as a backup', B.notZip, /not a readable zip \(no files were found in it: is it a zip archive\?\)/],
    ['an export given as a backup', B.exportNotBackup, /has no backup\.json, so it was not written by Spatial Lens/],
    ['a backup whose backup.json is cut short', B.cutHeader, /backup\.json in this zip is not valid JSON \(cut short or edited by hand\)/],
    ['a backup.json without its project', B.noProject, /backup\.json cannot be used: it names no project/],
    ['a backup whose items changed after it was written', B.changed, /changed after it was written: items\.jsonl (has \d+ bytes, backup\.json says \d+|does not match its SHA-256)/],
    ['a backup with a decision "__proto__"', B.hostileRow, /decisions\.jsonl, record 1: the decision "__proto__" is not accept, fix, reject or undo/],
    ['a zip bomb given as a backup', B.bomb, /the zip would expand 1011 times \(2\.3 MB to 2\.3 GB\); the limit is 100 times/],
    ['a backup of a newer version', B.newer, /written by a newer version of Spatial Lens/],
  ];
  for (const [input, file, expect] of restore) {
    await dismiss(c);
    await c.page.getByTestId('restore-input').setInputFiles(file);
    record({ surface: 'restore', input, expect }, await messages(c).catch(() => '(no message)'));
  }

  // ---- the command line
  const out = path.join(dir, 'cli-out');
  const scenes = path.join(dir, 'scenes');
  fs.mkdirSync(scenes);
  fs.writeFileSync(path.join(scenes, 'bad.scene.json'), '{"schema": "spatial-lens/scene@1", "id": ');
  const cli: [string, string[], RegExp][] = [
    ['lift: an empty .onnx', ['lift', RGB, '--model', F.emptyOnnx, '--out', out], /empty\.onnx is empty \(0 bytes\)/],
    ['lift: a text file named .onnx', ['lift', RGB, '--model', F.junkOnnx, '--out', out], /junk\.onnx is not a valid ONNX model: the runtime could not parse it as one/],
    ['lift: a 30000×30000 depth PNG', ['lift', RGB, '--depth', F.depthBomb, '--out', out], /depth_bomb\.png is 30000×30000 pixels \(900 MP\)/],
    ['lift: COCO annotations none of which can be used', ['lift', RGB, '--fov', '60', '--annotations', F.coco, '--out', out], /its only annotation could not be used \(Unknown category_id 999/],
    ['lift: a photo cut in half', ['lift', F.truncated, '--fov', '60', '--out', out], /truncated/],
    ['lift: a file that does not exist', ['lift', path.join(dir, 'nowhere.jpg'), '--fov', '60', '--out', out], /nowhere\.jpg/],
    ['lift: an 8-bit depth map', ['lift', RGB, '--depth', F.depth8, '--out', out], /depth8\.png is an 8-bit PNG/],
    ['qa: a scene file cut short', ['qa', scenes, '--out', path.join(dir, 'qa.jsonl')], /bad\.scene\.json/],
    ['qa: an unknown task', ['qa', scenes, '--tasks', 'room_size', '--out', path.join(dir, 'qa.jsonl')], /Unknown task id: room_size/],
    ['score: predictions that are not JSON', ['score', F.notJson, F.notJson], /notes\.jsonl line 1: not valid JSON: it is not JSON/],
    ['score: an items file that does not exist', ['score', path.join(dir, 'none.jsonl'), F.notJson], /none\.jsonl/],
  ];
  for (const [input, args, expect] of cli) {
    const r = await runCli(args);
    let message = [r.stderr, ...r.stdout.split('\n').filter((l) => /"ok":false|"error"/.test(l)).map((l) => JSON.parse(l).error as string)].filter(Boolean).join(' / ');
    if (r.code === 0) message = `(exit 0) ${message}`;
    record({ surface: 'CLI', input, expect }, `${message} [exit ${r.code}]`);
  }

  log('');
  log(table(['#', 'surface', 'input', 'the message', 'clear'], results.map((r, i) => [i + 1, r.surface, r.input, r.message, r.ok ? 'yes' : 'NO'])));
  const bad = results.filter((r) => !r.ok);
  log(`\n${results.length} inputs, ${results.length - bad.length} with a clear message${bad.length ? `; ${bad.length} without: ${bad.map((r) => r.input).join('; ')}` : ''}.`);
  return bad.length === 0 && results.length >= 40;
}

await runMain(main);
