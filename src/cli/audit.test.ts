import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { writePly } from '../domain/formats/ply';
import { serializeScene } from '../domain/scene/scene';
import type { QAItem } from '../domain/qa/types';
import { furnishedRoom } from '../test/qaRooms';
import { FIXTURES } from '../test/reviewFiles';
import { TAMPERINGS, tamper } from '../test/tamper';
import { runText } from './runInProcess';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sl-audit-'));
const SHARED = path.resolve(import.meta.dirname, '../../../shared/data/benchmarks');

const run = runText;

interface Line {
  id: string;
  risk: number;
  findings: { code: string; severity: string; message: string }[];
  task?: string;
  source?: string;
}
const readLines = <T>(f: string): T[] => fs.readFileSync(f, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as T);
const hasError = (l: Line) => l.findings.some((f) => f.severity === 'error');

/** Two furnished rooms as scene files with their clouds, and the items `qa` generates from them. */
async function generated(): Promise<{ dir: string; items: string }> {
  const dir = tmp();
  for (const seed of [61, 62]) {
    const { scene, points } = furnishedRoom(seed);
    fs.writeFileSync(path.join(dir, `${scene.id}.scene.json`), serializeScene(scene));
    fs.writeFileSync(path.join(dir, scene.points.file), writePly(points, null, points.length / 3));
  }
  const items = path.join(dir, 'items.jsonl');
  const r = await run(['qa', dir, '--per-scene', '200', '--seed', '3', '--out', items]);
  expect(r.code).toBe(0);
  return { dir, items };
}

describe('spatial-lens audit', () => {
  it('derives generated items again from their scenes: no error on untouched items, every tampered one found', async () => {
    const { dir, items } = await generated();
    const report = path.join(dir, 'report.jsonl');
    const summary = path.join(dir, 'summary.json');
    const clean = await run(['audit', items, '--scenes', dir, '--out', report, '--json', summary]);
    expect(clean.stderr).toBe('');
    expect(clean.code).toBe(0);
    const lines = readLines<Line>(report);
    expect(lines).toHaveLength(400);
    expect(lines.filter((l) => l.findings.length)).toEqual([]);
    expect(clean.stdout).toMatch(/^all +400 +0 +0 +0 +0 +0$/m);
    expect(clean.stdout).toContain('400 items audited from 1 file; 400 derived again from 2 scenes;');
    expect(clean.stdout).toMatch(/^blind strategies/m);
    const s = JSON.parse(fs.readFileSync(summary, 'utf8'));
    expect(s).toMatchObject({ items: 400, errors: 0, problems: 0 });
    expect(s.blind.rows[0]).toMatchObject({ group: 'all' });

    // each kind of tampering on its own items; the rest left alone
    const originals = readLines<QAItem>(items);
    const touched = new Map<string, string>();
    // every other item of each format tampered with, by the kind used least so far among those that apply to it
    const uses = new Map<string, number>(TAMPERINGS.map((k) => [k, 0]));
    const seen = new Map<string, number>();
    const mixed = originals.map((it) => {
      const n = seen.get(it.spatial_lens.format) ?? 0;
      seen.set(it.spatial_lens.format, n + 1);
      if (n % 2 === 0) return it;
      for (const kind of [...TAMPERINGS].sort((a, b) => uses.get(a)! - uses.get(b)!)) {
        const t = tamper(it, kind);
        if (!t) continue;
        uses.set(kind, uses.get(kind)! + 1);
        touched.set(it.id, kind);
        return t;
      }
      return it;
    });
    const bad = path.join(dir, 'tampered.jsonl');
    fs.writeFileSync(bad, mixed.map((it) => JSON.stringify(it)).join('\n') + '\n');
    const r = await run(['audit', bad, '--scenes', dir, '--out', report]);
    expect(r.code).toBe(1);
    const byId = new Map(readLines<Line>(report).map((l) => [l.id, l]));
    expect(touched.size).toBeGreaterThan(100);
    expect(new Set(touched.values())).toEqual(new Set(TAMPERINGS));
    for (const it of originals) expect(hasError(byId.get(it.id)!), `${it.id} (${touched.get(it.id) ?? 'untouched'})`).toBe(touched.has(it.id));
    // the riskiest lines come from tampered items
    expect(touched.has([...byId.values()].sort((a, b) => b.risk - a.risk)[0].id)).toBe(true);
  }, 60_000);

  it('reports each malformed line and item of hand-broken files, the review fixtures and the SPAR examples without crashing', async () => {
    const dir = tmp();
    const { items } = await generated();
    const good = readLines<QAItem>(items)[0];
    const broken = [
      JSON.stringify(good).slice(0, 80), // truncated
      '[1, 2, 3]',
      '42',
      '{"id": "no-fields"}',
      JSON.stringify({ ...good, id: 'letter-e', spatial_lens: { ...good.spatial_lens, format: 'select', options: ['A. 1', 'B. 2'] }, answer: 'E' }),
      JSON.stringify({ ...good, id: 'judge-maybe', spatial_lens: { ...good.spatial_lens, format: 'judge', options: undefined }, answer: 'maybe' }),
      JSON.stringify({ ...good, id: 'no-options', spatial_lens: { ...good.spatial_lens, format: 'select', options: undefined }, answer: 'A' }),
      JSON.stringify({ ...good, id: 'bad-mark', spatial_lens: { ...good.spatial_lens, marks: [{ kind: 'point', color: 'red', uv: ['x', 1] }] } }),
      '{"__proto__": {"polluted": true}, "id": "proto", "task": "constructor", "format_type": "fill", "question": "q", "answer": "1", "image": []}',
      '{"id": 7, "format_type": "select", "task": "depth_prediction_oc", "image": [], "question": "How deep? A. 1.0; B. 1.2", "answer": "C"}',
      '{"id": 8, "format_type": "fill", "task": "depth_prediction_oc", "image": [], "question": "How deep?", "answer": "deep"}',
      NaN.toString(),
    ];
    const file = path.join(dir, 'broken.jsonl');
    fs.writeFileSync(file, broken.join('\n') + '\n');
    const report = path.join(dir, 'r.jsonl');
    const r = await run(['audit', file, FIXTURES, SHARED, '--out', report]);
    expect(r.code).toBe(1);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    const lines = readLines<Line>(report);
    const fromBroken = lines.filter((l) => /broken\.jsonl:\d+$/.test(l.source ?? ''));
    // every line of the broken file is reported with an error, but for line 9: a well-formed row of
    // a task named "constructor" with no image, which gets a warning and a note (and pollutes nothing)
    const bySource = new Map(lines.map((l) => [l.source!.replace(/^.*broken\.jsonl:/, 'broken:'), l]));
    for (let k = 1; k <= broken.length; k++) {
      const l = bySource.get(`broken:${k}`);
      expect(l, `line ${k}: ${broken[k - 1].slice(0, 60)}`).toBeDefined();
      expect(hasError(l!), `line ${k}: ${JSON.stringify(l)}`).toBe(k !== 9);
    }
    expect(bySource.get('broken:9')!.findings.map((f) => f.code)).toEqual(['unknown-task', 'no-image']);
    expect(fromBroken.length).toBeGreaterThanOrEqual(broken.length);
    const codeOf = (k: number) => bySource.get(`broken:${k}`)!.findings.map((f) => f.code);
    expect(codeOf(1)).toEqual(['malformed']);
    expect(codeOf(5)).toContain('answer-letter');
    expect(codeOf(6)).toContain('answer-judge');
    expect(codeOf(7)).toContain('no-options');
    expect(codeOf(8)).toContain('mark-malformed');
    expect(codeOf(10)).toContain('answer-letter');
    expect(codeOf(11)).toContain('answer-number');
    // the fixtures' own malformed line, their duplicate id, and the SPAR data config that is not an item
    expect(lines.some((l) => l.source?.endsWith('sentence_2.jsonl:3') && l.findings[0].code === 'malformed')).toBe(true);
    expect(lines.some((l) => l.source?.endsWith('sparbench_test.jsonl:4') && l.findings[0].code === 'duplicate-id')).toBe(true);
    expect(lines.some((l) => l.source === 'benchmarks/spar_data_jsons_toy.json:1' && hasError(l))).toBe(true);
    // the SPAR-7M README record and the SPAR-Bench parquet rows are read and pass
    // (its depth map is there, but SPAR-7M records carry no camera: a note says it is not measured)
    expect(lines.find((l) => l.source === 'benchmarks/spar7m_readme_example.jsonl:1')).toMatchObject({
      risk: 0.03,
      findings: [{ code: 'not-measured', severity: 'info', message: 'image 1 has no intrinsics, so the red point is not measured' }],
    });
    expect(lines.filter((l) => l.source?.includes('test-00000-of-00001.parquet')).every((l) => !hasError(l))).toBe(true);
  }, 60_000);

  it('says what is wrong with its arguments', async () => {
    expect((await run(['audit'])).code).toBe(2);
    const missing = await run(['audit', '/nonexistent/items.jsonl']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('/nonexistent/items.jsonl: no such file or folder');
    expect((await run(['audit', '--help'])).stdout).toContain('spatial-lens audit <items files or folders…>');
  });
});
