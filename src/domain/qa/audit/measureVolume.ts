// spatial_volume_infer from a 2D box and depth: only what the photo shows. The object's front is
// measured (its width and height from the depth inside the box, where the depth is the object's,
// not the wall behind it), but its extent along the view is hidden behind that face, and the
// answer is a volume. So the line says what depth the answer implies for the object, and the item
// is not judged: an estimate that cannot see a third of the object must not call an answer wrong.
import type { Vec3 } from '../../geometry/linalg';
import { parseSparNumber } from '../eval/scoring';
import type { QAItem } from '../types';
import { levelFrameOf, levelled } from './levelFrame';
import type { FoundOnImage } from './markPoints';
import { markCloud } from './markPoints';
import type { ItemImage, PixelAudit } from './measureItem';

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.floor(q * s.length)))];
};

/**
 * Width and height (metres) of an object's visible front: the levelled points of its box whose
 * distance along the view is within 25 % of the box's median (the object, not what lies behind
 * it), their 5–95 % extents across and up.
 */
export function visibleFront(points: readonly Vec3[]): { width: number; height: number; n: number } | null {
  const fwd = points.map((p) => p[1]);
  const m = quantile(fwd, 0.5);
  const front = points.filter((p) => Math.abs(p[1] - m) <= 0.25 * m);
  if (front.length < 12) return null;
  const xs = front.map((p) => p[0]),
    zs = front.map((p) => p[2]);
  return { width: quantile(xs, 0.95) - quantile(xs, 0.05), height: quantile(zs, 0.95) - quantile(zs, 0.05), n: front.length };
}

export function measureVolume(item: QAItem, images: readonly ItemImage[], found: readonly FoundOnImage[], out: PixelAudit): void {
  const red = found.filter((f) => f.color === 'red' && f.kind === 'box');
  if (red.length !== 1 || !images.length) {
    if (found.some((f) => f.color === 'red' && f.kind === 'point'))
      out.findings.push({ code: 'not-measured', severity: 'info', message: 'the object is marked by a point, which gives no extent: its volume is not measured' });
    return;
  }
  // the whole box but its outer eighth each side, where the drawn line and the background crowd in
  const f = red[0];
  const [x1, y1, x2, y2] = f.box!;
  const w = x2 - x1,
    h = y2 - y1;
  // markCloud keeps a box's inner half: a box half as wide again has the middle three quarters of this one as its inner half
  const cx = (x1 + x2) / 2,
    cy = (y1 + y2) / 2;
  const wide: FoundOnImage = { ...f, box: [cx - (3 * w) / 4, cy - (3 * h) / 4, cx + (3 * w) / 4, cy + (3 * h) / 4] };
  const c = markCloud(wide, images);
  if (typeof c === 'string') {
    out.findings.push({ code: 'not-measured', severity: 'info', message: c });
    return;
  }
  const frame = levelFrameOf({ pose: images[0].pose, depth: images[0].depth, Kdepth: images[0].Kdepth ?? images[0].K });
  const front = visibleFront(c.points.map((p) => levelled(frame, p)));
  if (!front) {
    out.findings.push({ code: 'not-measured', severity: 'info', message: 'too little depth on the red box’s object to measure its front' });
    return;
  }
  const answer = parseSparNumber(item.answer, item.task.endsWith('_mv'));
  const face = `${front.width.toFixed(2)} m wide × ${front.height.toFixed(2)} m tall`;
  out.measured = { value: Math.round(front.width * front.height * 1000) / 1000, unit: 'm² (visible front)', method: `front of the red box's object from its depth: ${face}` };
  if (answer === null) {
    out.findings.push({ code: 'answer-unreadable', severity: 'warn', message: `the answer "${item.answer}" holds no number to set beside the measured front (${face})` });
    return;
  }
  out.answer = answer;
  const implied = answer / Math.max(1e-6, front.width * front.height);
  out.display = `answer ${answer} m³ · visible front ${face}, so the answer implies ${implied < 10 ? implied.toFixed(2) : implied.toFixed(0)} m deep — not judged (the depth of an object is hidden behind its front)`;
  out.findings.push({ code: 'measured-not-judged', severity: 'info', message: out.display });
}
