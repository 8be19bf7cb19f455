// Mark recovery from pixels: SPAR marks drawn by the project's drawer at SPAR's sizes over the
// real photos in ../shared/data, JPEG at quality 75–95, found again by findMarks. Targets:
// disc centres within 1 px, boxes within 2 px (every edge), no false marks on unmarked photos.
// Then marks of every colour drawn over dark parts of the photos (where JPEG smears PIL's dark
// green furthest), boxes apart and overlapping in SPAR's four-object order, and points, counted
// per colour.
//   npx tsx bench/marks.ts [--cases N] [--dark N] [--unmarked N] [--seed S]
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { findMarks, type WantedMark } from '../src/domain/image/findMarks';
import { mulberry32 } from '../src/domain/geometry/random';
import { DARK_LUMA, REAL_PHOTOS, darkMarkedCase, drawnCentre, markedCase, unmarkedVariants } from '../src/test/markedPhotos';

const { values } = parseArgs({ options: { cases: { type: 'string', default: '120' }, dark: { type: 'string', default: '240' }, unmarked: { type: 'string', default: '50' }, seed: { type: 'string', default: '1' } } });
const cases = Number(values.cases), seed = Number(values.seed);
const rand = mulberry32(seed);
const ALL: WantedMark[] = (['red', 'blue', 'green', 'yellow'] as const).flatMap((color) => [{ color, kind: 'point' as const }, { color, kind: 'box' as const }]);
const pct = (xs: number[], q: number) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN; };

const centreErr: number[] = [], boxErr: number[] = [], conf: number[] = [];
let missed = 0, extra = 0, marks = 0;
const t0 = performance.now();
for (let i = 0; i < cases; i++) {
  const kind = i % 2 ? 'box' : 'point';
  const q = 75 + Math.floor(rand() * 21);
  const c = await markedCase(REAL_PHOTOS[i % REAL_PHOTOS.length], kind, rand, q);
  const res = findMarks(c.image, c.marks.map((m) => ({ color: m.color, kind: m.kind })));
  for (const m of c.marks) {
    marks++;
    const hits = res.found.filter((f) => f.color === m.color && f.kind === m.kind);
    if (hits.length === 0) { missed++; console.log(`  missed: case ${i} ${c.name} ${m.color} ${m.kind}`); if (process.env.MARKS_DUMP) await sharp(Buffer.from(c.image.data), { raw: { width: c.image.width, height: c.image.height, channels: 4 } }).png().toFile(`${process.env.MARKS_DUMP}/miss${i}.png`); continue; }
    if (hits.length > 1) { extra += hits.length - 1; console.log(`  doubled: ${c.name} ${m.color} ${m.kind}`); }
    const f = hits[0];
    if (m.kind === 'box' && Math.max(...m.box!.map((v, k) => Math.abs(v - f.box![k]))) > 2) console.log(`  box off: case ${i} ${m.color} truth ${m.box!.map(Math.round)} found ${f.box!.map(Math.round)}`);
    if (process.env.MARKS_DUMP && m.kind === 'box' && Math.max(...m.box!.map((v, k) => Math.abs(v - f.box![k]))) > 2) await sharp(Buffer.from(c.image.data), { raw: { width: c.image.width, height: c.image.height, channels: 4 } }).png().toFile(`${process.env.MARKS_DUMP}/off${i}.png`);
    conf.push(f.confidence);
    if (m.kind === 'point') {
      const d = drawnCentre(m.uv!);
      centreErr.push(Math.hypot(f.uv![0] - d[0], f.uv![1] - d[1]));
    } else boxErr.push(Math.max(...m.box!.map((v, k) => Math.abs(v - f.box![k]))));
  }
}
const t1 = performance.now();
// Over dark parts: a separate stream, so the figures above stay comparable between versions.
// Each case puts one colour's mark (in turn) over a dark part, with the marks SPAR draws with it.
const darkRand = mulberry32(seed + 1000);
const DARK_TYPES = ['boxes apart', 'overlapping boxes', 'points'] as const;
const COLOURS = ['red', 'blue', 'green', 'yellow'] as const;
const dark = new Map<string, { n: number; missed: number; doubled: number; err: number[]; conf: number[] }>();
const others = { n: 0, missed: 0 };
let darkCases = 0, darkSkipped = 0;
for (let i = 0, p = 0; darkCases < Number(values.dark) && p < 20 * Number(values.dark) + 6; p++) {
  const type = DARK_TYPES[i % DARK_TYPES.length];
  const target = COLOURS[Math.floor(i / DARK_TYPES.length) % COLOURS.length];
  const q = 75 + Math.floor(darkRand() * 21);
  const file = REAL_PHOTOS[Math.floor(darkRand() * REAL_PHOTOS.length)];
  const c = await darkMarkedCase(file, type === 'points' ? 'point' : 'box', target, type === 'overlapping boxes', darkRand, q);
  if (!c) { darkSkipped++; continue; }
  i++; darkCases++;
  const res = findMarks(c.image, c.marks.map((m) => ({ color: m.color, kind: m.kind })));
  for (const m of c.marks) {
    const hits = res.found.filter((f) => f.color === m.color && f.kind === m.kind);
    if (m.color !== target) {
      others.n++;
      if (hits.length !== 1) { others.missed++; console.log(`  other mark ${hits.length ? 'doubled' : 'missed'}: ${c.name}, the ${m.color} ${m.kind} of ${JSON.stringify(c.marks.map((k) => [k.color, (k.box ?? k.uv)!.map(Math.round)]))}`); }
      continue;
    }
    const key = `${type}|${m.color}`;
    const row = dark.get(key) ?? dark.set(key, { n: 0, missed: 0, doubled: 0, err: [], conf: [] }).get(key)!;
    row.n++;
    if (hits.length === 0) { row.missed++; console.log(`  dark missed: ${c.name} ${JSON.stringify(c.marks.map((k) => [k.color, (k.box ?? k.uv)!.map(Math.round)]))}`); if (process.env.MARKS_DUMP) await sharp(Buffer.from(c.image.data), { raw: { width: c.image.width, height: c.image.height, channels: 4 } }).png().toFile(`${process.env.MARKS_DUMP}/darkmiss${darkCases}.png`); continue; }
    if (hits.length > 1) { row.doubled += hits.length - 1; console.log(`  dark doubled: ${c.name}`); }
    const f = hits[0];
    row.conf.push(f.confidence);
    if (process.env.MARKS_VERBOSE && (m.kind === 'point' ? Math.hypot(f.uv![0] - drawnCentre(m.uv!)[0], f.uv![1] - drawnCentre(m.uv!)[1]) > 1 : Math.max(...m.box!.map((v, k) => Math.abs(v - f.box![k]))) > 2)) console.log(`  dark off: ${c.name} ${JSON.stringify(c.marks.map((k) => [k.color, k.box ?? k.uv]))} found ${JSON.stringify(f.box ?? f.uv)}`);
    row.err.push(m.kind === 'point' ? Math.hypot(f.uv![0] - drawnCentre(m.uv!)[0], f.uv![1] - drawnCentre(m.uv!)[1]) : Math.max(...m.box!.map((v, k) => Math.abs(v - f.box![k]))));
  }
}
const t1d = performance.now();
const unmarked = await unmarkedVariants(Number(values.unmarked), seed + 100);
let falseMarks = 0;
for (const u of unmarked) {
  const res = findMarks(u.image, ALL);
  if (res.found.length) { falseMarks += res.found.length; console.log(`  false: ${u.name}: ${res.found.map((f) => `${f.color} ${f.kind} ${f.confidence}`).join(', ')}`); }
}
const t2 = performance.now();
const line = (name: string, xs: number[]) => `${name}: n ${xs.length}, median ${pct(xs, 0.5).toFixed(3)} px, p95 ${pct(xs, 0.95).toFixed(3)} px, max ${Math.max(...xs).toFixed(3)} px`;
console.log(`${cases} marked photos (${marks} marks, JPEG q75–95, seed ${seed}) in ${((t1 - t0) / 1000).toFixed(1)} s`);
console.log(line('disc centre error', centreErr));
console.log(line('box edge error (worst edge)', boxErr));
console.log(`missed ${missed}, doubled ${extra}, confidence min ${Math.min(...conf).toFixed(3)}`);
console.log(`\n${darkCases} photos with one colour's mark over a dark part (photo luma ≤ ${DARK_LUMA} under it on average) beside the marks SPAR draws with it (${darkSkipped} draws skipped: too little dark area, or no room for the boxes apart), JPEG q75–95, in ${((t1d - t1) / 1000).toFixed(1)} s`);
console.log('marks               colour   marks  missed  doubled  median err  max err   min conf');
let darkMissed = 0, darkDoubled = 0, darkErrMax = { point: 0, box: 0 };
for (const type of DARK_TYPES)
  for (const colour of COLOURS) {
    const r = dark.get(`${type}|${colour}`);
    if (!r) continue;
    darkMissed += r.missed; darkDoubled += r.doubled;
    const k = type === 'points' ? 'point' : 'box';
    darkErrMax[k] = Math.max(darkErrMax[k], ...r.err);
    console.log(`${type.padEnd(19)} ${colour.padEnd(7)} ${String(r.n).padStart(6)}  ${String(r.missed).padStart(6)}  ${String(r.doubled).padStart(7)}  ${r.err.length ? `${pct(r.err, 0.5).toFixed(3)} px`.padStart(10) : ''}  ${r.err.length ? `${Math.max(...r.err).toFixed(3)} px`.padStart(8) : ''}  ${r.conf.length ? Math.min(...r.conf).toFixed(3).padStart(8) : ''}`);
  }
console.log(`the other marks in those photos: ${others.n}, missed or doubled ${others.missed}`);
console.log(`dark: missed ${darkMissed}, doubled ${darkDoubled}, disc centre max ${darkErrMax.point.toFixed(3)} px, box edge max ${darkErrMax.box.toFixed(3)} px`);
console.log(`\n${unmarked.length} unmarked photos (crops/flips of the real photos, JPEG q75–95) searched for all 8 colour×kind marks in ${((t2 - t1d) / 1000).toFixed(1)} s: ${falseMarks} false marks`);
const ok = missed === 0 && darkMissed === 0 && others.missed === 0 && darkDoubled === 0 && darkErrMax.point <= 1 && darkErrMax.box <= 2 && extra === 0 && falseMarks === 0 && Math.max(...centreErr) <= 1 && Math.max(...boxErr) <= 2;
console.log(`target (centres ≤ 1 px, boxes ≤ 2 px, nothing missed, no false marks): ${ok ? 'met' : 'NOT met'}`);
process.exitCode = ok ? 0 : 1;
