// Synthetic RGB-D items whose photos do not show the marks as the question names them: one named
// point left out (the reviewer places it), or a decoy of a named colour added (the reviewer
// chooses the right one). Node only.
import type { Mark, MarkColour } from '../domain/qa/types';
import { type RgbdFrame, type RgbdItem, drawnPhotos } from './rgbdItems';

/** `it` with its photos drawn with `marks` instead of its own (JPEG quality 95). */
async function redrawn(it: RgbdItem, frames: readonly RgbdFrame[], marks: readonly Mark[]): Promise<RgbdItem> {
  const { images, jpegs } = await drawnPhotos(frames, it.frames, marks, () => 95);
  return { ...it, images, jpegs };
}

/** `it` with the `colour` point not drawn, and where that point was meant to be. */
export async function withUndrawnMark(it: RgbdItem, frames: readonly RgbdFrame[], colour: MarkColour): Promise<{ item: RgbdItem; meant: { image: number; uv: [number, number] } }> {
  const gone = it.marks.find((m) => m.color === colour);
  if (!gone) throw new Error(`item ${it.id} has no ${colour} mark`);
  return { item: await redrawn(it, frames, it.marks.filter((m) => m !== gone)), meant: { image: gone.image ?? 0, uv: gone.uv! } };
}

/** `it` with a second `colour` point drawn on its first photo, in the quarter farthest from its marks; the real one and the decoy. */
export async function withDecoyMark(it: RgbdItem, frames: readonly RgbdFrame[], colour: MarkColour): Promise<{ item: RgbdItem; real: [number, number]; decoy: [number, number] }> {
  const real = it.marks.find((m) => m.color === colour && (m.image ?? 0) === 0);
  if (!real) throw new Error(`item ${it.id} has no ${colour} mark on its first image`);
  const { width, height } = frames[it.frames[0]].rgba;
  const corners: [number, number][] = [
    [0.2 * width, 0.2 * height],
    [0.8 * width, 0.2 * height],
    [0.2 * width, 0.8 * height],
    [0.8 * width, 0.8 * height],
  ];
  const far = (c: [number, number]) => Math.min(...it.marks.filter((m) => (m.image ?? 0) === 0).map((m) => Math.hypot(m.uv![0] - c[0], m.uv![1] - c[1])));
  const decoy = corners.sort((a, b) => far(b) - far(a))[0];
  return { item: await redrawn(it, frames, [...it.marks, { kind: 'point', color: colour, uv: decoy }]), real: real.uv!, decoy };
}
