// Relation, imagination and volume items measured from marks and depth: the levelled frame and the
// observer's frame by hand, the answer parser on SPAR's phrasing, and synthetic items over the real
// RGB-D frames with some answers flipped in one part.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Vec3 } from '../../geometry/linalg';
import type { QAItem } from '../types';
import { levelFrameFromUp, levelFrameOf, levelled, upFromPose } from './levelFrame';
import { measureItem } from './measureItem';
import { type Placed, checkPart, relationOf } from './measureRelation';
import { optionText, parseRelationAnswer } from './relationAnswer';
import { HAVE_SHARED_DATA } from '../../../test/markedPhotos';
import { asQAItem, itemImages } from '../../../test/rgbdAudit';
import { type RelationItem, rgbdRelationItems } from '../../../test/rgbdRelations';
import type { RgbdFrame } from '../../../test/rgbdItems';

const close = (a: readonly number[], b: readonly number[], eps = 1e-9) => a.forEach((x, i) => expect(x).toBeCloseTo(b[i], -Math.log10(eps)));

describe('the levelled frame of the first camera', () => {
  it('levels a camera pitched 30° down: a point 2 m along the optical axis is 1 m below and 1.732 m ahead', () => {
    const t = (30 * Math.PI) / 180;
    const f = levelFrameFromUp([0, -Math.cos(t), -Math.sin(t)], 'floor')!;
    close(levelled(f, [0, 0, 2]), [0, 2 * Math.cos(t), -2 * Math.sin(t)]);
    close(levelled(f, [1, 0, 0]), [1, 0, 0]);
    expect(f.tiltDeg).toBeCloseTo(30, 9);
  });

  it('levels a camera rolled 20° clockwise: its right axis keeps no vertical part', () => {
    const r = (20 * Math.PI) / 180;
    // roll clockwise seen from behind: the camera's right side goes down, so up leans towards +x in camera coordinates
    const f = levelFrameFromUp([Math.sin(r), -Math.cos(r), 0], 'floor')!;
    // a point on the camera's x axis, 1 m right: horizontal distance cos r, height −sin r
    close(levelled(f, [1, 0, 0]), [Math.cos(r), 0, Math.sin(r)]);
    close(levelled(f, [0, 0, 3]), [0, 3, 0]);
  });

  it('takes up from the pose (ScanNet world: +z up), and ignores an identity placeholder pose', () => {
    // a level camera: right = world x, down = world −z, forward = world y (camera-to-world, row-major)
    const pose = [1, 0, 0, 3, 0, 0, 1, 2, 0, -1, 0, 1.5, 0, 0, 0, 1];
    close(upFromPose(pose), [0, -1, 0]);
    const f = levelFrameOf({ pose });
    expect(f.source).toBe('pose');
    close(levelled(f, [0.5, -0.2, 2]), [0.5, 2, 0.2]);
    expect(levelFrameOf({ pose: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1] }).source).toBe('camera');
  });

  it('finds gravity from the floor in the depth when there is no pose (a synthetic floor under a 25° pitch)', () => {
    const t = (25 * Math.PI) / 180;
    const W = 160, H = 120, K = { fx: 140, fy: 140, cx: 79.5, cy: 59.5 };
    const up: Vec3 = [0, -Math.cos(t), -Math.sin(t)];
    const data = new Float32Array(W * H);
    // the floor 1.4 m below the camera: up·p = −1.4 along each ray; a wall 4 m ahead fills the rays that miss it
    for (let v = 0; v < H; v++)
      for (let u = 0; u < W; u++) {
        const ray: Vec3 = [(u - K.cx) / K.fx, (v - K.cy) / K.fy, 1];
        const s = ray[0] * up[0] + ray[1] * up[1] + ray[2] * up[2];
        data[v * W + u] = s < -0.05 ? Math.min(6, -1.4 / s) : 6;
      }
    const f = levelFrameOf({ depth: { width: W, height: H, data }, Kdepth: K });
    expect(f.source).toBe('floor');
    expect(f.tiltDeg).toBeCloseTo(25, 0);
    close(f.up, up, 1e-2);
  });
});

describe('relations measured as the generator defines them', () => {
  const at = (colour: Placed['colour'], p: Vec3, s = 0.02): Placed => ({ colour, at: p, spread: [s, s, s] });
  const rel = (task: string, placed: Placed[], answer: string, q = 'Where is the chair (red bbox) relative to the table (blue bbox)?') =>
    relationOf(task, q, new Map(placed.map((p) => [p.colour, p])), parseRelationAnswer(answer));

  it('A relative to B: left by 0.5, above by 0.3, nearer by 0.2 (hand-computed)', () => {
    const placed = [at('red', [-0.5, 2, 0.3]), at('blue', [0, 2.2, 0])];
    const r = rel('obj_spatial_relation_oo', placed, 'left, above, front');
    if (typeof r === 'string') throw new Error(r);
    expect(r.parts.map((p) => [p.measured, p.verdict])).toEqual([
      ['left', 'agrees'],
      ['above', 'agrees'],
      ['front', 'agrees'],
    ]);
    const flipped = rel('obj_spatial_relation_oo', placed, 'right, above, front');
    if (typeof flipped === 'string') throw new Error(flipped);
    expect(flipped.parts[0].verdict).toBe('flipped');
    const empty = rel('obj_spatial_relation_oo', placed, 'left, , front');
    if (typeof empty === 'string') throw new Error(empty);
    expect(empty.parts[1].verdict).toBe('differs');
    // the question may name the reference first: "relative to the chair (red …)" swaps the roles
    const swapped = rel('obj_spatial_relation_oo', placed, 'right, below, behind', 'Where is the table (blue bbox) relative to the chair (red bbox)?');
    if (typeof swapped === 'string') throw new Error(swapped);
    expect(swapped.parts.map((p) => p.verdict)).toEqual(['agrees', 'agrees', 'agrees']);
  });

  it('a part within the margin of the 0.1 m threshold is too close to call, never flipped', () => {
    expect(checkPart('fb', 'behind', 0.12, 0.02).verdict).toBe('too-close');
    expect(checkPart('fb', 'behind', 0.05, 0.02).verdict).toBe('too-close');
    expect(checkPart('fb', 'behind', 0.3, 0.02).verdict).toBe('flipped');
    // the measurement's own spread widens the margin
    expect(checkPart('lr', 'left', 0.3, 0.25).verdict).toBe('too-close');
    expect(checkPart('lr', '', 0.02, 0.02).verdict).toBe('agrees');
  });

  it('the object relative to the camera: ahead is front', () => {
    const r = rel('obj_spatial_relation_oc', [at('red', [0.4, 2, -0.6])], 'right, below, front');
    if (typeof r === 'string') throw new Error(r);
    expect(r.parts.map((p) => p.verdict)).toEqual(['agrees', 'agrees', 'agrees']);
  });

  it('imagination: the observer at A facing B, C relative to the observer (hand-computed frames)', () => {
    // facing +y from the origin: right is +x; C at (1, 1, 0) is right and in front, level
    let r = rel('spatial_imagination_oc', [at('red', [0, 0, 0]), at('blue', [0, 2, 0]), at('green', [1, 1, 0])], 'right, , front');
    if (typeof r === 'string') throw new Error(r);
    expect(r.parts.map((p) => p.verdict)).toEqual(['agrees', 'agrees', 'agrees']);
    // facing +x from the origin: right is −y; C at (0, 1, 0.5) is left, above, and beside (not ahead)
    r = rel('spatial_imagination_oc', [at('red', [0, 0, 0]), at('blue', [2, 0, 0]), at('green', [0, 1, 0.5])], 'left, above, ');
    if (typeof r === 'string') throw new Error(r);
    expect(r.parts.map((p) => [p.measured, p.verdict])).toEqual([
      ['left', 'agrees'],
      ['above', 'agrees'],
      ['', 'agrees'],
    ]);
    // B behind the camera's view: facing −y from (0, 3, 0); C at (1, 1, 0): right is −x, so C is left, and 2 m ahead
    r = rel('spatial_imagination_oc', [at('red', [0, 3, 0]), at('blue', [0, 0, 0]), at('green', [1, 1, 0])], 'right, , front');
    if (typeof r === 'string') throw new Error(r);
    expect(r.parts.map((p) => [p.measured, p.verdict])).toEqual([
      ['left', 'flipped'],
      ['', 'agrees'],
      ['front', 'agrees'],
    ]);
  });

  it('imagination with a fourth object: C relative to D as the observer sees them', () => {
    // observer at origin facing +y; C (−1, 3, 0) and D (1, 1, 0.6): C is left of D, below it, and behind it (farther)
    const r = rel('spatial_imagination_oo', [at('red', [0, 0, 0]), at('blue', [0, 2, 0]), at('green', [-1, 3, 0]), at('yellow', [1, 1, 0.6])], 'left, below, behind');
    if (typeof r === 'string') throw new Error(r);
    expect(r.parts.map((p) => p.verdict)).toEqual(['agrees', 'agrees', 'agrees']);
  });
});

describe('the relation answer as SPAR and the generator phrase it', () => {
  it.each([
    ['left, above, front', { lr: 'left', ab: 'above', fb: 'front' }],
    ['left, , behind', { lr: 'left', ab: '', fb: 'behind' }],
    ['Right,Below,', { lr: 'right', ab: 'below', fb: '' }],
    [', , front.', { lr: '', ab: '', fb: 'front' }],
    ['The chair is to the left of, above and in front of the table.', { lr: 'left', ab: 'above', fb: 'front' }],
    ['Relative to the observer, the lamp is to the right and behind.', { lr: 'right', ab: '', fb: 'behind' }],
  ])('%s', (text, want) => expect(parseRelationAnswer(text)).toEqual(want));

  it('refuses what states no relation or both sides of one', () => {
    expect(parseRelationAnswer('yes')).toBeNull();
    expect(parseRelationAnswer('left and right')).toBeNull();
  });

  it('reads an option letter through the options in the question text', () => {
    const item = {
      answer: 'C',
      question: 'Where is the chair (red bbox) relative to the table (blue bbox)? Options: A. left, above, front B. right, , behind C. left, below, D. , above, front',
      spatial_lens: { format: 'select' },
    } as unknown as QAItem;
    // the option's trailing empty part goes with its comma; the words still say the rest
    expect(optionText(item)).toBe('left, below');
    expect(parseRelationAnswer(optionText(item))).toEqual({ lr: 'left', ab: 'below', fb: '' });
    expect(optionText({ ...item, answer: 'B. right, , behind' })).toBe('right, , behind');
  });
});

describe.skipIf(!HAVE_SHARED_DATA)('relation items over the real RGB-D frames', () => {
  let frames: RgbdFrame[], items: RelationItem[];
  beforeAll(async () => {
    ({ frames, items } = await rgbdRelationItems(30, 7));
  }, 120_000);

  it('flags every flipped answer as an error and no right one with even a warning', () => {
    expect(items.length).toBe(30);
    expect(new Set(items.map((i) => i.task)).size).toBe(5);
    expect(items.filter((i) => i.wrong).length).toBe(10);
    for (const it of items) {
      const a = measureItem(asQAItem(it), itemImages(it, frames));
      const worst = a.findings.some((f) => f.severity === 'error') ? 'error' : a.findings.some((f) => f.severity === 'warn') ? 'warn' : 'info';
      expect({ id: it.id, task: it.task, worst, display: a.display }).toEqual({ id: it.id, task: it.task, worst: it.wrong ? 'error' : 'info', display: expect.stringMatching(/^answer /) });
      expect(a.mismatch === true).toBe(it.wrong);
      // a right item's measured relation is the truth, part by part
      if (!it.wrong) expect(a.measured?.value).toBe(it.truth);
    }
  });
});

describe.skipIf(!HAVE_SHARED_DATA)('spatial_volume_infer', () => {
  it('measures the visible front and does not judge the volume', async () => {
    const { frames, items } = await rgbdRelationItems(1, 3);
    const it0 = items.find((i) => i.marks[0].kind === 'box') ?? items[0];
    const item = { ...asQAItem(it0), task: 'spatial_volume_infer', question: 'What is the volume of the 3D bounding box of the chair (red bbox), in cubic meters?', answer: '0.35' };
    const a = measureItem(item, itemImages(it0, frames));
    if (it0.marks[0].kind !== 'box') return;
    expect(a.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(a.findings.find((f) => f.code === 'measured-not-judged')?.message).toMatch(/not judged/);
    // the inner half of the box is flat: its front there is (box pixels × depth / f) across, so the
    // measured area (the middle three quarters, 5–95 % of it) is near (0.75 · 0.9)² of the box's
    const [x1, y1, x2, y2] = it0.marks[0].box!;
    const f = frames[it0.frames[0]];
    const ud = Math.round((((x1 + x2) / 2 - 0.5 - f.K.cx) / f.K.fx) * f.Kdepth.fx + f.Kdepth.cx),
      vd = Math.round((((y1 + y2) / 2 - 0.5 - f.K.cy) / f.K.fy) * f.Kdepth.fy + f.Kdepth.cy);
    const z = f.depth.data[vd * f.depth.width + ud];
    const side = (px: number) => (0.75 * 0.9 * px * z) / f.K.fx;
    const want = side(x2 - x1) * side(y2 - y1);
    expect(a.measured?.value as number).toBeGreaterThan(0.6 * want);
    expect(a.measured?.value as number).toBeLessThan(1.6 * want);
  }, 60_000);
});
