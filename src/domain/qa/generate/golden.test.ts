// A few items per task and format, read by a person and found to be natural English with the
// right answers (see the file). Regenerate with UPDATE_GOLDEN=1 after a deliberate change and
// read the diff before committing it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { floorAndWallCloud, livingRoom } from '../../../test/qaScenes';
import { generateQA } from './generate';
import type { QAItem } from '../types';

const FILE = path.join(import.meta.dirname, 'golden', 'living-room.jsonl');

function goldenItems(): QAItem[] {
  const room = livingRoom();
  // the left chair faces the camera, so orientation questions have something to ask about
  const chair = room.objects.find((o) => o.id === 'chair1')!;
  chair.box3d!.yaw = -Math.PI / 2;
  chair.orientation = { source: 'annotated' };
  const { items } = generateQA([{ scene: room, points: floorAndWallCloud(room) }], { perScene: 1000, seed: 7 });
  const seen = new Map<string, number>();
  return items.filter((it) => {
    const k = `${it.task}/${it.spatial_lens.format}`;
    seen.set(k, (seen.get(k) ?? 0) + 1);
    return seen.get(k)! <= 2;
  });
}

describe('golden items', () => {
  it('match the reviewed file', () => {
    const lines = goldenItems().map((it) => JSON.stringify(it));
    if (process.env.UPDATE_GOLDEN) {
      fs.mkdirSync(path.dirname(FILE), { recursive: true });
      fs.writeFileSync(FILE, `${lines.join('\n')}\n`);
    }
    expect(lines).toEqual(fs.readFileSync(FILE, 'utf8').trim().split('\n'));
  });
});
