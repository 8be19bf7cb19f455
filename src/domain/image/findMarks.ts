// Finds SPAR's marks again in the pixels of a published image: filled discs (points) and hollow
// rectangles (boxes) in PIL's red, blue, green and yellow, after JPEG compression has blurred
// their edges and chroma. Pure typed-array code (worker, Node, tests).
//
// Pixels are first labelled with the mark colour they are close to; each colour's connected
// regions are then judged by shape. Pixels of the other mark colours count as "maybe covered"
// when a region is grown and judged, because SPAR draws marks in sequence and a later one hides
// part of an earlier one.
import type { MarkColour } from '../qa/types';
import type { RgbaImage } from '../qa/export/drawMarks';

export type MarkKind = 'point' | 'box';

export interface WantedMark {
  color: MarkColour;
  kind: MarkKind;
}

export interface FoundMark {
  color: MarkColour;
  kind: MarkKind;
  /** Points: the disc's centre in pixel-centre coordinates (pixel (0,0) covers −0.5…0.5), sub-pixel. */
  uv?: [number, number];
  /** Points: the disc's radius in pixels. */
  radius?: number;
  /** Boxes: [x1, y1, x2, y2] of the marked object's box (continuous pixel coordinates), as the drawer was given it. */
  box?: [number, number, number, number];
  /** Boxes: the line width in pixels. */
  stroke?: number;
  /** 0–1: how well the pixels fit the ideal shape. */
  confidence: number;
  /** The shape runs off the image edge or is mostly hidden by another mark, so its geometry is less sure. */
  clipped?: boolean;
}

export interface MarkSearch {
  found: FoundMark[];
  /** A colour the caller asked for that is missing or ambiguous, said in words. */
  warnings: string[];
}

/** PIL's colours for SPAR's names (not OpenCV's (0,255,0) green). */
const TARGETS: readonly (readonly [MarkColour, number, number, number])[] = [
  ['red', 255, 0, 0],
  ['blue', 0, 0, 255],
  ['green', 0, 128, 0],
  ['yellow', 255, 255, 0],
];
const COLOUR_LABEL = new Map<MarkColour, number>(TARGETS.map((t, i) => [t[0], i + 1]));

/**
 * Largest RGB distance from the drawn colour that still counts as it. JPEG at quality 75 moves
 * the inside of a 20 px disc by about 30; the edges blend with the photo and are judged by shape.
 */
const MAX_DISTANCE = 95;
/** Smallest disc radius and box stroke taken for a mark: below this natural texture looks alike. */
const MIN_RADIUS = 8;
const MIN_STROKE = 6;
const SPAR_STROKE = 20;
/** A disc this well filled and round is a mark; a natural blob almost never is. */
const MIN_DISC_SCORE = 0.85;
const MIN_BOX_SCORE = 0.7;
/**
 * Pixels next to a box line's inner edge that JPEG may still paint in its colour. Chroma kept at
 * half resolution smears a line up to 3 px into its neighbours; over a dark photo PIL's green,
 * itself dark, stays within MAX_DISTANCE all that way, so a small box's inside looked filled.
 */
const INNER_FRINGE = 3;

/** Per pixel: 0, or 1 + the index of the mark colour it is close to. */
export function labelMarkColours(img: RgbaImage): Uint8Array {
  const { width, height, data } = img;
  const n = width * height;
  const out = new Uint8Array(n);
  const lim = MAX_DISTANCE * MAX_DISTANCE;
  for (let p = 0, o = 0; p < n; p++, o += 4) {
    const r = data[o],
      g = data[o + 1],
      b = data[o + 2];
    let best = 0,
      bestD = lim;
    for (let t = 0; t < TARGETS.length; t++) {
      const T = TARGETS[t];
      const dr = r - T[1],
        dg = g - T[2],
        db = b - T[3];
      const d = dr * dr + dg * dg + db * db;
      if (d < bestD) {
        bestD = d;
        best = t + 1;
      }
    }
    out[p] = best;
  }
  return out;
}

interface Region {
  /** Pixel indices of the colour itself. */
  own: number[];
  /** Pixel indices of other mark colours joined to it. */
  cover: number[];
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** How far (pixels) a region may reach through another mark colour: about one SPAR line width. */
const MAX_COVER_DEPTH = 24;
const MAX_GAP = 2;

/** Connected (8-neighbour) regions of `label`, grown through other mark colours as well. */
function regionsOf(labels: Uint8Array, width: number, height: number, label: number): Region[] {
  const seen = new Uint8Array(labels.length);
  const depth = new Uint8Array(labels.length);
  const regions: Region[] = [];
  const queue = new Int32Array(labels.length);
  const gapRun = new Uint8Array(labels.length);
  const gaps: number[] = [];
  for (let s = 0; s < labels.length; s++) {
    if (labels[s] !== label || seen[s]) continue;
    const reg: Region = { own: [], cover: [], x0: width, y0: height, x1: -1, y1: -1 };
    let head = 0,
      tail = 0;
    seen[s] = 1;
    depth[s] = 0;
    queue[tail++] = s;
    while (head < tail) {
      const p = queue[head++];
      const x = p % width,
        y = (p - x) / width;
      if (labels[p] === label) {
        reg.own.push(p);
        if (x < reg.x0) reg.x0 = x;
        if (x > reg.x1) reg.x1 = x;
        if (y < reg.y0) reg.y0 = y;
        if (y > reg.y1) reg.y1 = y;
      } else if (labels[p] !== 0) reg.cover.push(p);
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= width) continue;
          const q = yy * width + xx;
          if (seen[q]) continue;
          if (labels[q] === label) {
            depth[q] = 0;
            gapRun[q] = 0;
          } else {
            // Through another colour only as far as one line width: it may hide part of this mark.
            // Where two mark colours meet, JPEG blends them into pixels of neither: cross up to two.
            const d = depth[p] + 1;
            if (d > MAX_COVER_DEPTH) continue;
            const g = labels[q] === 0 ? gapRun[p] + 1 : 0;
            if (g > MAX_GAP) continue;
            depth[q] = d;
            gapRun[q] = g;
          }
          seen[q] = 1;
          if (labels[q] === 0) gaps.push(q);
          queue[tail++] = q;
        }
      }
    }
    // Other-colour pixels stay free for other regions: they may be marks of their own
    for (const p of reg.cover) seen[p] = 0;
    for (const p of gaps) seen[p] = 0;
    gaps.length = 0;
    regions.push(reg);
  }
  return regions;
}

/** Least-squares circle through points (Kåsa): centre and radius, or null when degenerate. */
function fitCircle(xs: number[], ys: number[]): { cx: number; cy: number; r: number } | null {
  const n = xs.length;
  if (n < 8) return null;
  let mx = 0,
    my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i];
    my += ys[i];
  }
  mx /= n;
  my /= n;
  let suu = 0,
    svv = 0,
    suv = 0,
    suuu = 0,
    svvv = 0,
    suvv = 0,
    svuu = 0;
  for (let i = 0; i < n; i++) {
    const u = xs[i] - mx,
      v = ys[i] - my;
    suu += u * u;
    svv += v * v;
    suv += u * v;
    suuu += u * u * u;
    svvv += v * v * v;
    suvv += u * v * v;
    svuu += v * u * u;
  }
  const det = suu * svv - suv * suv;
  if (Math.abs(det) < 1e-9) return null;
  const a = (suuu + suvv) / 2,
    b = (svvv + svuu) / 2;
  const uc = (a * svv - b * suv) / det;
  const vc = (b * suu - a * suv) / det;
  return { cx: uc + mx, cy: vc + my, r: Math.sqrt(uc * uc + vc * vc + (suu + svv) / n) };
}

/** Chamfer (3-4) distance to the nearest pixel outside `mask`, in pixels (w×h, row-major). */
function distanceInside(mask: Uint8Array, w: number, h: number): Float32Array {
  const d = new Float32Array(w * h);
  const BIG = 1e9;
  for (let i = 0; i < d.length; i++) d[i] = mask[i] ? BIG : 0;
  const at = (x: number, y: number) => (x < 0 || y < 0 || x >= w || y >= h ? 0 : d[y * w + x]);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (!d[i]) continue;
      d[i] = Math.min(d[i], at(x - 1, y) + 3, at(x, y - 1) + 3, at(x - 1, y - 1) + 4, at(x + 1, y - 1) + 4);
    }
  for (let y = h - 1; y >= 0; y--)
    for (let x = w - 1; x >= 0; x--) {
      const i = y * w + x;
      if (!d[i]) continue;
      d[i] = Math.min(d[i], at(x + 1, y) + 3, at(x, y + 1) + 3, at(x + 1, y + 1) + 4, at(x - 1, y + 1) + 4);
    }
  for (let i = 0; i < d.length; i++) d[i] /= 3;
  return d;
}

function discFrom(reg: Region, labels: Uint8Array, width: number, height: number, label: number, colour: MarkColour): FoundMark | null {
  const w = reg.x1 - reg.x0 + 1,
    h = reg.y1 - reg.y0 + 1;
  if (w < 2 * MIN_RADIUS || h < 2 * MIN_RADIUS || reg.own.length < Math.PI * MIN_RADIUS * MIN_RADIUS) return null;
  // The centre of the largest disc inside the region: a patch of similar colour in the photo
  // that touches the mark does not move it, as it would move a centroid
  const mask = new Uint8Array(w * h);
  for (const p of reg.own) {
    const x = p % width;
    mask[((p - x) / width - reg.y0) * w + (x - reg.x0)] = 1;
  }
  const dist = distanceInside(mask, w, h);
  let best = 0,
    bi = 0;
  for (let i = 0; i < dist.length; i++)
    if (dist[i] > best) {
      best = dist[i];
      bi = i;
    }
  if (best < MIN_RADIUS * 0.7) return null;
  let cx = reg.x0 + (bi % w),
    cy = reg.y0 + Math.floor(bi / w);
  const lab = (x: number, y: number) => (x < 0 || y < 0 || x >= width || y >= height ? -1 : labels[y * width + x]);
  // The radius: the last ring around the centre that is mostly this colour (or hidden)
  const radiusAt = (x0: number, y0: number) => {
    for (let r = Math.max(2, Math.floor(best)); r < 4 * best + 8; r++) {
      let own = 0,
        seen = 0;
      const n = Math.max(16, Math.round(2 * Math.PI * r));
      for (let k = 0; k < n; k++) {
        const a = (2 * Math.PI * k) / n;
        const l = lab(Math.round(x0 + r * Math.cos(a)), Math.round(y0 + r * Math.sin(a)));
        if (l === label) own++;
        if (l === label || l === 0) seen++;
      }
      if (seen === 0 || own < 0.5 * seen) return r - 0.5;
    }
    return 4 * best + 8;
  };
  let r = radiusAt(cx, cy);
  // Hidden or cut off: the image edge or another mark colour near the rim
  let hidden = false;
  const R = Math.ceil(r) + 3;
  for (let y = Math.floor(cy) - R; y <= Math.ceil(cy) + R && !hidden; y++)
    for (let x = Math.floor(cx) - R; x <= Math.ceil(cx) + R; x++) {
      if ((x - cx) ** 2 + (y - cy) ** 2 > R * R) continue;
      const l = lab(x, y);
      if (l === -1 || (l !== 0 && l !== label)) {
        hidden = true;
        break;
      }
    }
  if (!hidden) {
    // A whole disc: the centroid of its pixels within the rim, where JPEG's symmetric blur cancels out
    for (let it = 0; it < 4; it++) {
      const lim = (r + 1.5) ** 2;
      let sx = 0,
        sy = 0,
        n = 0;
      for (let y = Math.floor(cy - r - 2); y <= Math.ceil(cy + r + 2); y++)
        for (let x = Math.floor(cx - r - 2); x <= Math.ceil(cx + r + 2); x++)
          if ((x - cx) ** 2 + (y - cy) ** 2 <= lim && lab(x, y) === label) {
            sx += x;
            sy += y;
            n++;
          }
      if (!n) return null;
      cx = sx / n;
      cy = sy / n;
      r = Math.sqrt(n / Math.PI);
    }
  } else {
    // Part of a disc: fit a circle to its rim pixels that border the photo (not the image edge, not another mark)
    const xs: number[] = [],
      ys: number[] = [];
    const lim = (r + 3) ** 2;
    for (let y = Math.floor(cy - r - 3); y <= Math.ceil(cy + r + 3); y++)
      for (let x = Math.floor(cx - r - 3); x <= Math.ceil(cx + r + 3); x++) {
        if ((x - cx) ** 2 + (y - cy) ** 2 > lim || lab(x, y) !== label) continue;
        let border = false,
          blocked = false;
        for (const [dx, dy] of [
          [1, 0],
          [-1, 0],
          [0, 1],
          [0, -1],
        ]) {
          const l = lab(x + dx, y + dy);
          if (l === label) continue;
          if (l === 0) border = true;
          else blocked = true;
        }
        if (border && !blocked) {
          xs.push(x);
          ys.push(y);
        }
      }
    const c = fitCircle(xs, ys);
    if (!c) return null;
    // Rim pixels lie half a pixel inside the drawn edge
    ({ cx, cy } = c);
    r = c.r + 0.5;
  }
  if (!(r >= MIN_RADIUS) || r > 0.6 * Math.max(w, h) + 2) return null;
  // Compare with the ideal disc over the pixels that could show it; a thin ring outside should be photo
  let inside = 0,
    insideSeen = 0,
    ringOwn = 0,
    ringSeen = 0;
  const RR = Math.ceil(r) + 5;
  for (let y = Math.max(0, Math.floor(cy) - RR); y <= Math.min(height - 1, Math.ceil(cy) + RR); y++) {
    for (let x = Math.max(0, Math.floor(cx) - RR); x <= Math.min(width - 1, Math.ceil(cx) + RR); x++) {
      const d = Math.sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy));
      const l = labels[y * width + x];
      // Allow the JPEG fringe either way
      if (d <= r - 1.2) {
        if (l === label) inside++;
        if (l === label || l === 0) insideSeen++;
      } else if (d > r + 1.2 && d <= r + 4) {
        if (l === label) ringOwn++;
        if (l === label || l === 0) ringSeen++;
      }
    }
  }
  if (insideSeen < Math.PI * r * r * 0.35) return null;
  const fill = inside / insideSeen;
  const ring = ringSeen ? ringOwn / ringSeen : 0;
  const score = fill * (1 - ring / 2);
  if (score < MIN_DISC_SCORE) return null;
  return {
    color: colour,
    kind: 'point',
    uv: [cx, cy],
    radius: r,
    confidence: Math.round(score * 1000) / 1000,
    ...(hidden ? { clipped: true } : {}),
  };
}

function boxFrom(reg: Region, labels: Uint8Array, width: number, height: number, label: number, colour: MarkColour): FoundMark | null {
  // The frame's outer lines are the outermost rows and columns that are mostly this colour:
  // single stray pixels of a similar colour in the photo must not widen it
  const rows = new Int32Array(reg.y1 - reg.y0 + 1),
    cols = new Int32Array(reg.x1 - reg.x0 + 1);
  for (const p of reg.own) {
    const x = p % width;
    rows[(p - x) / width - reg.y0]++;
    cols[x - reg.x0]++;
  }
  const firstDense = (h: Int32Array, fromEnd: boolean) => {
    let max = 0;
    for (const v of h) if (v > max) max = v;
    // Three dense lines in a row: a line 20 px wide is that, scattered photo pixels are not
    const dense = (i: number) => i < h.length && h[fromEnd ? h.length - 1 - i : i] >= 0.25 * max;
    for (let i = 0; i < h.length; i++) if (dense(i) && dense(i + 1) && dense(i + 2)) return fromEnd ? h.length - 1 - i : i;
    return 0;
  };
  const L = reg.x0 + firstDense(cols, false),
    R = reg.x0 + firstDense(cols, true),
    T = reg.y0 + firstDense(rows, false),
    B = reg.y0 + firstDense(rows, true);
  const W = R - L + 1,
    H = B - T + 1;
  if (W < 3 * MIN_STROKE || H < 3 * MIN_STROKE) return null;
  const median = (xs: number[]) => xs.sort((p, q) => p - q)[xs.length >> 1];
  const covered = (x: number, y: number) => {
    const l = labels[y * width + x];
    return l === label ? 2 : l !== 0 ? 1 : 0;
  };
  // Per side, along its middle half: where the line starts (the outermost row may be a stray
  // JPEG fringe pixel) and how wide it is. Medians keep occluded or noisy lines out.
  // Per side, along its middle half: where this colour's line starts and how wide it is (the
  // outermost row may be a stray JPEG fringe pixel). Where another mark hides the outer or the
  // inner part of the line, only its other edge is known.
  interface Line {
    k0: number;
    w: number;
    outerHidden: boolean;
    innerHidden: boolean;
  }
  const own = (x: number, y: number) => labels[y * width + x] === label;
  const other = (x: number, y: number) => x >= 0 && y >= 0 && x < width && y < height && labels[y * width + x] !== 0 && labels[y * width + x] !== label;
  const measure = (x0: number, y0: number, ax: number, ay: number, dx: number, dy: number, n: number, max: number): Line[] => {
    const lines: Line[] = [];
    for (let i = Math.floor(n / 4); i < Math.ceil((3 * n) / 4); i++) {
      const x = x0 + ax * i,
        y = y0 + ay * i;
      let k = 0;
      while (k < 4 && k < max && !own(x + dx * k, y + dy * k)) k++;
      const k0 = k;
      while (k < max && own(x + dx * k, y + dy * k)) k++;
      // Up to two blended pixels may separate this colour from the one hiding it
      const near = (k1: number, step: number) => [1, 2, 3].some((j) => other(x + dx * (k1 + step * j), y + dy * (k1 + step * j)));
      lines.push({ k0, w: k - k0, outerHidden: near(k0, -1), innerHidden: near(k - 1, 1) });
    }
    return lines;
  };
  const sides = [measure(L, T, 1, 0, 0, 1, W, H), measure(L, B, 1, 0, 0, -1, W, H), measure(L, T, 0, 1, 1, 0, H, W), measure(R, T, 0, 1, -1, 0, H, W)];
  const clear = sides.flatMap((ls) => ls.filter((l) => !l.outerHidden && !l.innerHidden && l.w > 0).map((l) => l.w));
  if (clear.length < 8) return null;
  const measured = median(clear);
  // JPEG fringe widens a line by a pixel or two; SPAR's own line is 20 px at any image size
  const stroke = Math.abs(measured - SPAR_STROKE) <= 3 ? SPAR_STROKE : measured;
  /** Offset of the outer edge of a side's line from its bound, from the lines that show it best. */
  const outerOffset = (ls: Line[]): number => {
    const both = ls.filter((l) => !l.outerHidden && !l.innerHidden && l.w > 0);
    if (both.length >= ls.length / 4) return median(both.map((l) => l.k0 + (l.w - 1) / 2)) - (stroke - 1) / 2;
    const inner = ls.filter((l) => !l.innerHidden && l.w > 0);
    if (inner.length >= ls.length / 4) return median(inner.map((l) => l.k0 + l.w - 1)) - (stroke - 1);
    const outer = ls.filter((l) => !l.outerHidden && l.w > 0);
    return outer.length ? median(outer.map((l) => l.k0)) : 0;
  };
  const [top, bottom, left, right] = sides.map(outerOffset);
  if (stroke < MIN_STROKE || 2 * stroke + 2 >= Math.min(W, H)) return null;
  // Every band mostly this colour (or hidden by another mark), the inside not. Both are judged
  // from the line's recovered outer edges, not from the region's bounds, which take in the JPEG
  // fringe outside it; the fringe just inside the line is neither band nor inside.
  const oL = L + Math.round(left),
    oT = T + Math.round(top),
    oR = R - Math.round(right),
    oB = B - Math.round(bottom);
  let bandOwn = 0,
    bandSeen = 0,
    bandCovered = 0,
    innerOwn = 0,
    innerAll = 0;
  for (let y = Math.max(0, oT); y <= Math.min(height - 1, oB); y++) {
    for (let x = Math.max(0, oL); x <= Math.min(width - 1, oR); x++) {
      const inBand = y < oT + stroke || y > oB - stroke || x < oL + stroke || x > oR - stroke;
      const c = covered(x, y);
      if (inBand) {
        if (c === 2) bandOwn++;
        if (c !== 1) bandSeen++;
        if (c) bandCovered++;
      } else if (y >= oT + stroke + INNER_FRINGE && y <= oB - stroke - INNER_FRINGE && x >= oL + stroke + INNER_FRINGE && x <= oR - stroke - INNER_FRINGE) {
        innerAll++;
        if (c === 2) innerOwn++;
      }
    }
  }
  if (bandSeen === 0 || bandOwn < 0.3 * bandCovered) return null;
  const bandFill = bandOwn / bandSeen;
  const innerFill = innerAll ? innerOwn / innerAll : 0;
  const score = bandFill * Math.max(0, 1 - 4 * innerFill);
  if (score < MIN_BOX_SCORE) return null;
  // The drawer starts its outer rectangle 7/8 of the stroke outside the box and truncates
  const e = Math.min((stroke * 7) / 8, stroke - 1.5);
  const edge = (bound: number, offset: number, dir: 1 | -1) => bound + dir * (offset + e) + 0.5;
  const clipped = L === 0 || T === 0 || R === width - 1 || B === height - 1;
  return {
    color: colour,
    kind: 'box',
    box: [edge(L, left, 1), edge(T, top, 1), edge(R, right, -1), edge(B, bottom, -1)],
    stroke,
    confidence: Math.round(score * 1000) / 1000,
    ...(clipped ? { clipped: true } : {}),
  };
}

/** Every mark of one colour and kind in a labelled image. */
export function findColour(labels: Uint8Array, width: number, height: number, colour: MarkColour, kind: MarkKind): FoundMark[] {
  const label = COLOUR_LABEL.get(colour);
  if (!label) throw new Error(`Unknown mark colour "${colour}"`);
  const out: FoundMark[] = [];
  for (const reg of regionsOf(labels, width, height, label)) {
    const m = kind === 'point' ? discFrom(reg, labels, width, height, label, colour) : boxFrom(reg, labels, width, height, label, colour);
    if (m) out.push(m);
  }
  return out.sort((a, b) => b.confidence - a.confidence);
}

/**
 * Looks for the marks `wanted` names in `img`. A named colour that is absent or present more
 * than once becomes a warning and no guess: every candidate is returned, so a reviewer can pick.
 */
export function findMarks(img: RgbaImage, wanted: readonly WantedMark[]): MarkSearch {
  const { width, height, data } = img;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0 || data.length !== width * height * 4)
    throw new Error(`An RGBA image of ${width}×${height} needs ${width * height * 4} bytes, got ${data.length}`);
  const labels = labelMarkColours(img);
  const found: FoundMark[] = [];
  const warnings: string[] = [];
  const done = new Set<string>();
  for (const w of wanted) {
    const key = `${w.color} ${w.kind}`;
    if (done.has(key)) continue;
    done.add(key);
    const hits = findColour(labels, width, height, w.color, w.kind);
    const noun = w.kind === 'point' ? 'point' : 'box';
    if (hits.length === 0) warnings.push(`no ${w.color} ${noun} found in the image`);
    else if (hits.length > 1) warnings.push(`${hits.length} ${w.color} ${noun}es found where the question names one`.replace('pointes', 'points'));
    found.push(...hits);
  }
  return { found, warnings };
}
