// Where the quantity labels of a reviewed item sit in 3D. Two depths from the camera start at the
// same point, so their midpoints (and labels) can fall on each other. Each label goes somewhere
// along its own segment (the middle first, then further out), at the first place where it keeps
// clear of the labels placed before it; when no place along the segment is clear, it is lifted
// above the others. Labels face the camera, so "clear" is judged on spheres around them: two
// labels whose spheres do not meet cannot cover each other from any side but along the line
// joining them.

export type P3 = [number, number, number];

export interface LabelRequest {
  from: P3;
  to: P3;
  /** Label width and height in world units. */
  width: number;
  height: number;
}

export interface PlacedLabel {
  at: P3;
  /** Fraction along the segment the label sits over (before any lift). */
  t: number;
}

/** Fractions tried along a segment, middle first, alternating outwards. */
export const ALONG = [0.5, 0.62, 0.38, 0.74, 0.26, 0.86, 0.14];

const radius = (l: { width: number; height: number }) => Math.hypot(l.width, l.height) / 2;
const dist = (a: P3, b: P3) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

/** Positions for the labels, in order; `lift` is the height each label sits above its segment. */
export function placeLabels(labels: LabelRequest[], lift = 0): PlacedLabel[] {
  const placed: { at: P3; r: number }[] = [];
  const out: PlacedLabel[] = [];
  for (const l of labels) {
    const r = radius(l);
    const at = (t: number): P3 => [l.from[0] + (l.to[0] - l.from[0]) * t, l.from[1] + (l.to[1] - l.from[1]) * t, l.from[2] + (l.to[2] - l.from[2]) * t + lift];
    const clear = (p: P3) => placed.every((q) => dist(p, q.at) >= r + q.r);
    let chosen: PlacedLabel | null = null;
    for (const t of ALONG) {
      const p = at(t);
      if (clear(p)) {
        chosen = { at: p, t };
        break;
      }
    }
    if (!chosen) {
      // nowhere along it is clear: above the middle, by as much as it takes
      const p = at(0.5);
      let z = p[2];
      while (!clear([p[0], p[1], z])) z += l.height * 1.2; // ends: finitely many labels lie above
      chosen = { at: [p[0], p[1], z], t: 0.5 };
    }
    placed.push({ at: chosen.at, r });
    out.push(chosen);
  }
  return out;
}

/** Whether any two placed labels' spheres meet (what placement avoids). */
export function labelsOverlap(labels: LabelRequest[], placed: PlacedLabel[]): boolean {
  for (let i = 0; i < placed.length; i++) for (let j = i + 1; j < placed.length; j++) if (dist(placed[i].at, placed[j].at) < radius(labels[i]) + radius(labels[j]) - 1e-9) return true;
  return false;
}
