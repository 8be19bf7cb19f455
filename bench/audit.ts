// Audit benchmark: items generated from synthetic rooms (scene files and clouds written to a
// temporary folder), audited through `spatial-lens audit` untouched and then with a seeded subset
// tampered in each way; and the audit of malformed inputs (hand-broken lines, the review fixtures,
// the SPAR examples). Targets: 100 % of tampered items found with an error, 0 errors on untouched
// items, no crash and a finding for every malformed line.
//   npx tsx bench/audit.ts [--rooms N] [--per-scene N]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { auditCommand } from '../src/cli/audit';
import { writePly } from '../src/domain/formats/ply';
import { serializeScene } from '../src/domain/scene/scene';
import { mulberry32 } from '../src/domain/geometry/random';
import { generateQA } from '../src/domain/qa/generate/generate';
import type { QAItem } from '../src/domain/qa/types';
import { furnishedRoom } from '../src/test/qaRooms';
import { FIXTURES } from '../src/test/reviewFiles';
import { TAMPERINGS, type Tampering, tamper } from '../src/test/tamper';

const { values } = parseArgs({ options: { rooms: { type: 'string', default: '4' }, 'per-scene': { type: 'string', default: '400' } } });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-audit-bench-'));
const cleanUp = () => fs.rmSync(dir, { recursive: true, force: true });
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.on(sig, () => {
    cleanUp();
    process.exit(130);
  });

interface Line {
  id: string;
  risk: number;
  findings: { code: string; severity: string }[];
  source?: string;
}
const quiet = { out: () => undefined, err: (l: string) => console.error(l) };
const read = (f: string): Line[] => fs.readFileSync(f, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const hasError = (l: Line) => l.findings.some((f) => f.severity === 'error');

async function audit(file: string | string[], extra: string[] = []): Promise<{ lines: Line[]; ms: number; code: number }> {
  const out = path.join(dir, 'report.jsonl');
  const t0 = performance.now();
  const code = await auditCommand([...(Array.isArray(file) ? file : [file]), ...extra, '--out', out], quiet);
  return { lines: read(out), ms: performance.now() - t0, code };
}

try {
  const rooms = Array.from({ length: Number(values.rooms) }, (_, k) => furnishedRoom(4400 + k));
  for (const { scene, points } of rooms) {
    fs.writeFileSync(path.join(dir, `${scene.id}.scene.json`), serializeScene(scene));
    fs.writeFileSync(path.join(dir, scene.points.file), writePly(points, null, points.length / 3));
  }
  const { items } = generateQA(rooms, { perScene: Number(values['per-scene']), seed: 21 });
  const itemsFile = path.join(dir, 'items.jsonl');
  fs.writeFileSync(itemsFile, items.map((i) => JSON.stringify(i)).join('\n') + '\n');
  const scenes = ['--scenes', dir];

  const clean = await audit(itemsFile, scenes);
  const cleanErrors = clean.lines.filter(hasError).length;
  const cleanWarn = clean.lines.filter((l) => l.findings.some((f) => f.severity === 'warn')).length;
  console.log(`${items.length} generated items from ${rooms.length} rooms (all tasks and formats), audited with their scenes in ${(clean.ms / 1000).toFixed(1)} s (${Math.round(items.length / (clean.ms / 1000))} items/s, import included)`);
  console.log(`untouched: ${cleanErrors} items with an error, ${cleanWarn} with a warning (target 0 errors)\n`);

  // a seeded third of the items tampered in each way (where that kind applies), the rest left alone
  const rand = mulberry32(77);
  const rows: { kind: Tampering; n: number; found: number; untouchedErrors: number }[] = [];
  for (const kind of TAMPERINGS) {
    const touched = new Set<string>();
    const mixed = items.map((it: QAItem) => {
      const t = rand() < 1 / 3 ? tamper(it, kind) : null;
      if (t) touched.add(it.id);
      return t ?? it;
    });
    const file = path.join(dir, `tampered-${kind}.jsonl`);
    fs.writeFileSync(file, mixed.map((i) => JSON.stringify(i)).join('\n') + '\n');
    const r = await audit(file, scenes);
    const byId = new Map(r.lines.map((l) => [l.id, l]));
    rows.push({ kind, n: touched.size, found: [...touched].filter((id) => hasError(byId.get(id)!)).length, untouchedErrors: items.filter((i) => !touched.has(i.id) && hasError(byId.get(i.id)!)).length });
  }
  console.log('tampering                items tampered  found with an error  errors on the untouched');
  for (const r of rows) console.log(`${r.kind.padEnd(24)} ${String(r.n).padStart(14)}  ${`${r.found} (${((100 * r.found) / Math.max(1, r.n)).toFixed(1)} %)`.padStart(19)}  ${String(r.untouchedErrors).padStart(23)}`);
  const all = rows.reduce((s, r) => ({ n: s.n + r.n, found: s.found + r.found, un: s.un + r.untouchedErrors }), { n: 0, found: 0, un: 0 });
  console.log(`all                      ${String(all.n).padStart(14)}  ${`${all.found} (${((100 * all.found) / all.n).toFixed(1)} %)`.padStart(19)}  ${String(all.un).padStart(23)}\n`);

  // malformed inputs: hand-broken lines, the review fixtures, the SPAR examples beside the project
  const good = items[0];
  // each with the severity it must at least get: malformed records an error, a well-formed item with
  // a wrong option inside the rule (earning MRA credit) a warning
  const broken: [string, 'error' | 'warn'][] = [
    [JSON.stringify(good).slice(0, 90), 'error'],
    ['[]', 'error'],
    ['"text"', 'error'],
    ['{"id": "only-an-id"}', 'error'],
    [JSON.stringify({ ...good, id: 'b1', answer: 'F', spatial_lens: { ...good.spatial_lens, format: 'select', options: ['A. 1.0', 'B. 2.5'] } }), 'error'],
    [JSON.stringify({ ...good, id: 'b2', answer: 'perhaps', spatial_lens: { ...good.spatial_lens, format: 'judge' } }), 'error'],
    [JSON.stringify({ ...good, id: 'b3', spatial_lens: { ...good.spatial_lens, marks: [{ kind: 'box', color: 'red', box: [9, 9, 1, 1] }] } }), 'error'],
    [JSON.stringify({ ...good, id: 'b4', spatial_lens: { ...good.spatial_lens, schema: 'spatial-lens/qa@9' } }), 'error'],
    ['{"id": 5, "format_type": "select", "task": "depth_prediction_oo", "image": [], "question": "A. 1.0; B. 1.1", "answer": "B"}', 'warn'],
    ['{"id": 6, "format_type": "fill", "task": "view_change_infer", "image": [], "question": "How did it move?", "answer": "a bit left"}', 'error'],
  ];
  const brokenFile = path.join(dir, 'broken.jsonl');
  fs.writeFileSync(brokenFile, broken.map(([l]) => l).join('\n') + '\n');
  const shared = path.resolve(import.meta.dirname, '../../shared/data/benchmarks');
  const inputs = [brokenFile, FIXTURES, ...(fs.existsSync(shared) ? [shared] : [])];
  const m = await audit(inputs);
  const brokenLines = m.lines.filter((l) => /broken\.jsonl:\d+$/.test(l.source ?? ''));
  const byLine = new Map(brokenLines.map((l) => [Number(l.source!.split(':').pop()), l]));
  const rank = { info: 0, warn: 1, error: 2 } as Record<string, number>;
  const asExpected = broken.filter(([, want], k) => (byLine.get(k + 1)?.findings ?? []).some((f) => rank[f.severity] >= rank[want])).length;
  console.log(`malformed inputs (${broken.length} hand-broken lines, the review fixtures${fs.existsSync(shared) ? ', the SPAR examples in shared/data/benchmarks' : ''}): exit code ${m.code}, ${m.lines.length} report lines, no crash`);
  console.log(`  hand-broken lines reported: ${byLine.size}/${broken.length}, with the finding expected (an error for the ${broken.filter(([, w]) => w === 'error').length} malformed, a warning for the misleading one): ${asExpected}/${broken.length}`);
  console.log(`  report lines with an error: ${m.lines.filter(hasError).length}, with any finding: ${m.lines.filter((l) => l.findings.length).length} (missing images, duplicates, the fixtures' bad lines, the SPAR data config that is not an item)`);
  const ok = cleanErrors === 0 && all.found === all.n && all.un === 0 && byLine.size === broken.length && asExpected === broken.length;
  console.log(`\ntargets (100 % of tampered items found with an error, 0 errors on untouched items, every malformed line reported with an error): ${ok ? 'met' : 'NOT met'}`);
} finally {
  cleanUp();
}
