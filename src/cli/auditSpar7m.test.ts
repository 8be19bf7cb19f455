// `spatial-lens audit` on a SPAR-7M-RGBD folder and zip: the camera text files beside the images
// (intrinsic/, pose/) are read, single-view and `_mv` items are measured, and exactly the wrong
// answers are errors. The fixture is the real Open3D redwood frames with their logged poses.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { HAVE_SHARED_DATA } from '../test/markedPhotos';
import { writeSpar7mFixture } from '../test/spar7mLayout';
import { main } from './main';

interface Line {
  id: string;
  findings: { code: string; severity: string; message: string }[];
  measured?: { value: number | string; unit: string; method: string };
}

async function audit(input: string, report: string): Promise<{ code: number; lines: Map<string, Line> }> {
  const l = vi.spyOn(console, 'log').mockImplementation(() => {});
  const e = vi.spyOn(console, 'error').mockImplementation(() => {});
  let code: number;
  try {
    code = await main(['audit', input, '--out', report]);
  } finally {
    l.mockRestore();
    e.mockRestore();
  }
  const lines = fs
    .readFileSync(report, 'utf8')
    .trim()
    .split('\n')
    .map((s) => JSON.parse(s) as Line);
  return { code, lines: new Map(lines.map((x) => [x.id, x])) };
}

function zipFolder(dir: string): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const d of fs.readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (d.isFile()) files[path.relative(dir, path.join(d.parentPath, d.name)).split(path.sep).join('/')] = fs.readFileSync(path.join(d.parentPath, d.name));
  return zipSync(files);
}

describe.skipIf(!HAVE_SHARED_DATA)('spatial-lens audit on a SPAR-7M-RGBD folder with camera files', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-spar7m-'));
  const fx = writeSpar7mFixture(dir);

  const check = (lines: Map<string, Line>) => {
    expect(lines.size).toBe(fx.items.length);
    for (const it of fx.items) {
      const line = lines.get(it.id)!;
      const label = `${it.id} ${it.task}: answer ${it.answer}, truth ${it.truth.toFixed(3)}`;
      if (!it.measurable) {
        expect(line.measured, label).toBeUndefined();
        // the item says what the import did not find for its image
        const note = line.findings.find((f) => f.code === 'not-measured')!;
        expect(note.message, label).toMatch(/image 1 \(.*redwood_01\/image_color\/0\.jpg\): no pose: .*redwood_01\/pose\/0\.txt marks the frame as untracked/);
        expect(line.findings.some((f) => f.severity === 'error'), label).toBe(false);
        continue;
      }
      expect(line.measured?.unit, label).toBe('m');
      // the measurement (window medians, the importer's sub-pixel mark) within 5 % of the raw-depth truth
      expect(Math.abs((line.measured!.value as number) - it.truth), label).toBeLessThan(0.05 * it.truth + 0.01);
      expect(line.findings.some((f) => f.code === 'measured-mismatch' && f.severity === 'error'), label).toBe(it.wrong);
      if (!it.wrong) expect(line.findings.some((f) => f.code === 'measured-agrees'), label).toBe(true);
    }
  };

  it('measures every item of the folder and flags exactly the wrong answers', async () => {
    const { code, lines } = await audit(fx.root, path.join(dir, 'report.jsonl'));
    expect(code).toBe(1);
    check(lines);
    // the multi-view items are measured in the first camera, through the poses
    expect(lines.get('redwood_00_5')!.measured!.method).toMatch(/distance between the red and blue points/);
    expect(lines.get('redwood_00_8')!.measured!.method).toMatch(/in the first camera/);
  });

  it('reads the same from a zip of the folder', async () => {
    const zip = path.join(dir, 'spar7m.zip');
    fs.writeFileSync(zip, zipFolder(fx.root));
    const { code, lines } = await audit(zip, path.join(dir, 'report-zip.jsonl'));
    expect(code).toBe(1);
    check(lines);
  });
});
