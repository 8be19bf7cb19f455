// The sanity gate after every lift: is the scene as large as scenes of its kind are? A depth map
// read in the wrong unit (millimetres for TUM's fifths of a millimetre, KITTI's 1/256 m, metres)
// makes every length wrong by the same factor, and a lift alone cannot tell. Camera height above
// the support plane, median depth and the scene's extent can: each has a range for indoor,
// tabletop and outdoor scenes, and a wrong unit moves all three far outside it together.
import type { RawDepthStats } from '../formats/depthPng';
import { describeScale, scaleLabel } from './depthScale';
import type { LiftMeasures } from './measures';

export type SceneKind = 'indoor' | 'outdoor' | 'tabletop';
/** 'auto': inferred from the scene's scale-free shape. */
export type SceneKindChoice = SceneKind | 'auto';
export const SCENE_KINDS: readonly SceneKind[] = ['indoor', 'tabletop', 'outdoor'];

export interface Range {
  lo: number;
  hi: number;
}

export interface KindProfile {
  /** What the support plane is for this kind of scene. */
  support: string;
  cameraHeight: Range;
  medianDepth: Range;
  extent: Range;
}

/**
 * What nearly every real capture of each kind falls within (read as ±2.5 σ of a log-normal).
 * Scene kinds are a fixed set, not data, so a record keyed by them is safe.
 */
export const PROFILES: Readonly<Record<SceneKind, KindProfile>> = {
  // Rooms as RGB-D datasets show them (NYU, ScanNet, TUM, SUN RGB-D, Redwood): cameras from a
  // robot's 0.3 m to a wall mount under a 3 m ceiling; Kinect-class sensors measure 0.5–8 m;
  // from a closet corner to a hall.
  indoor: { support: 'floor', cameraHeight: { lo: 0.3, hi: 3 }, medianDepth: { lo: 0.8, hi: 8 }, extent: { lo: 1, hi: 15 } },
  // Objects on a table or a workbench, the support plane being its top: a camera 0.1–1.2 m above
  // it, at arm's length, over a desk-sized area.
  tabletop: { support: 'table', cameraHeight: { lo: 0.1, hi: 1.2 }, medianDepth: { lo: 0.2, hi: 1.5 }, extent: { lo: 0.2, hi: 2.5 } },
  // Streets and open ground: car roofs, people and tripods up to a second-floor window; depths to
  // 80 m (a car LiDAR's range); from a courtyard to a few hundred metres of road.
  outdoor: { support: 'ground', cameraHeight: { lo: 0.5, hi: 10 }, medianDepth: { lo: 3, hi: 80 }, extent: { lo: 5, hi: 200 } },
};

/** Each range spans ±2.5 σ in log space. */
const RANGE_SIGMAS = 2.5;
/**
 * Warn when the scene would be typical of its kind only at a scale 2.5× or more from the one used.
 * Correct frames sit within about 2× of typical (a hall, a closet, Redwood's low camera at 1.7×);
 * unit mix-ups are 3.9× (256 vs 1000), 5× (5000 vs 1000), 19.5× (5000 vs 256) or 1000× (metres).
 */
export const WIDE_MARGIN = 2.5;
/** One quantity twice beyond its range is implausible by itself (a camera 6 m above a room's floor). */
export const HARD_MARGIN = 2;
/**
 * TUM writes its Kinect's millimetres × 5, so its maps hold only multiples of 5. Millimetre maps
 * almost never do, but other sources may be quantised so: weigh it as 10 : 1, not as proof.
 */
const TUM_ODDS = 10;
/**
 * Kinds an inferred one may really be: a tabletop looks like a room at a smaller size; an open sky
 * may be a dark ceiling or a window. A room's shape (its camera at a quarter to half of its depth,
 * walls above) rules out a street, so an indoor inference is not second-guessed as outdoor.
 */
const ALTERNATIVES: Readonly<Record<SceneKind, readonly SceneKind[]>> = { indoor: ['tabletop'], outdoor: ['indoor', 'tabletop'], tabletop: [] };
/** Depth scales always tried, besides the one in use. */
export const CANDIDATE_SCALES = [1000, 5000, 256, 1];

export interface Quantity {
  name: 'camera height' | 'median depth' | 'extent';
  value: number;
  range: Range;
  /** Outside its range (not yet a wide margin). */
  outside: boolean;
}

export interface ScaleCandidate {
  unitsPerMetre: number;
  label?: string;
  /** What the scene's lengths are multiplied by at this scale. */
  factor: number;
  cameraHeight: number | null;
  medianDepth: number;
  extent: number;
  /** How well the scene fits its kind at this scale, among the candidates (they sum to 1). */
  probability: number;
  plausible: boolean;
  current: boolean;
}

export interface PlausibilityWarning {
  code: 'implausible-scale';
  message: string;
  /** The depth scale that makes the scene plausible, best first. */
  proposedDepthScale?: number;
}

export interface PlausibilityReport {
  kind: SceneKind;
  kindSource: 'user' | 'inferred';
  /** Why this kind (for an inferred one). */
  kindReason: string;
  plausible: boolean;
  /** What the scene's lengths would have to be multiplied by to be typical of its kind. */
  typicalFactor: number;
  quantities: Quantity[];
  /** Depth scales for a depth map, best first; empty for depth from a model. */
  candidates: ScaleCandidate[];
  proposal?: ScaleCandidate;
  /** Other kinds the scene is plausible as at the scale used (only when the kind was inferred). */
  alsoFits: SceneKind[];
  /** What to check when no depth scale can be proposed. */
  advice?: string;
  warnings: PlausibilityWarning[];
}

export interface PlausibilityInput {
  measures: LiftMeasures;
  kind?: SceneKindChoice;
  /** Set when the depth came from a depth map: its scale in use and its raw values. */
  depthMap?: { unitsPerMetre: number; raw?: RawDepthStats };
  /** Set when the scale came from a camera height assumed above the floor (no metric depth). */
  assumedCameraHeight?: number;
}

const pct = (x: number) => `${Math.round(x * 100)} %`;
export const fmtMetres = (v: number): string => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

/**
 * The kind of scene from what does not depend on the scale. Tabletop scenes look like rooms at a
 * smaller size, so no scale-free cue tells them apart: they are never inferred, the user says so.
 */
export function inferKind(m: LiftMeasures): { kind: SceneKind; reason: string } {
  // Seen from the camera's height, a room reaches 2–4 times further (NYU 0.46, Redwood 0.24 of the
  // median depth); a street or a field 5–10 times and more (KITTI about 0.1–0.2).
  const ratio = m.cameraHeight !== null && m.medianDepth > 0 ? m.cameraHeight / m.medianDepth : null;
  // LiDAR and stereo ground truth (KITTI, Cityscapes) has no depth in the sky; the walls and ceiling
  // of a room fill the top of an RGB-D frame (NYU's black border leaves half of it). A view down at
  // a floor has nothing at the top either, so the sky counts only for a camera looking along the ground.
  // Raw LiDAR projections are sparse (5 % of the pixels): the rest of the image need only be well
  // above the top, not dense.
  if (m.topValid < 0.1 && m.restValid > Math.max(0.02, 4 * m.topValid) && (ratio === null || ratio < 0.3))
    return { kind: 'outdoor', reason: `no depth in the top fifth of the image (${pct(m.topValid)}), as under an open sky${ratio !== null ? `, camera height ${ratio.toFixed(2)} of the median depth` : ''}` };
  if (ratio !== null && ratio < 0.12) return { kind: 'outdoor', reason: `camera height only ${ratio.toFixed(2)} of the median depth, as in open spaces` };
  return {
    kind: 'indoor',
    reason: `depth up to the top of the image${ratio !== null ? `, camera height ${ratio.toFixed(2)} of the median depth` : ''}, as in rooms`,
  };
}

interface Sizes {
  cameraHeight: number | null;
  medianDepth: number;
  extent: number;
}

/** ln of the factor that makes the scene typical of a kind, and its uncertainty. */
function typicalLnFactor(m: Sizes, p: KindProfile): { ln: number; sigma: number } {
  const cue = (v: number, r: Range) => ({ d: Math.log(Math.sqrt(r.lo * r.hi) / v), s: Math.log(r.hi / r.lo) / (2 * RANGE_SIGMAS) });
  const cues: { d: number; s: number }[] = [];
  if (m.cameraHeight !== null && m.cameraHeight > 0) cues.push(cue(m.cameraHeight, p.cameraHeight));
  // median depth and extent both measure the scene's size and move together: one cue, not two
  const sizes = [m.medianDepth > 0 ? cue(m.medianDepth, p.medianDepth) : null, m.extent > 0 ? cue(m.extent, p.extent) : null].filter((c) => c !== null);
  if (sizes.length) cues.push({ d: sizes.reduce((s, c) => s + c.d, 0) / sizes.length, s: sizes.reduce((s, c) => s + c.s, 0) / sizes.length });
  if (!cues.length) return { ln: 0, sigma: Infinity };
  let w = 0, sum = 0;
  for (const c of cues) {
    w += 1 / (c.s * c.s);
    sum += c.d / (c.s * c.s);
  }
  return { ln: sum / w, sigma: 1 / Math.sqrt(w) };
}

const scaled = (m: Sizes, f: number): Sizes => ({ cameraHeight: m.cameraHeight === null ? null : m.cameraHeight * f, medianDepth: m.medianDepth * f, extent: m.extent * f });

function quantities(m: Sizes, p: KindProfile): Quantity[] {
  const q = (name: Quantity['name'], value: number, range: Range): Quantity => ({ name, value, range, outside: value < range.lo || value > range.hi });
  return [
    ...(m.cameraHeight !== null ? [q('camera height', m.cameraHeight, p.cameraHeight)] : []),
    q('median depth', m.medianDepth, p.medianDepth),
    q('extent', m.extent, p.extent),
  ];
}

const farBeyond = (q: Quantity) => q.value < q.range.lo / HARD_MARGIN || q.value > q.range.hi * HARD_MARGIN;

/** Plausible: typical within the wide margin, and no quantity far beyond its range. */
function plausibleAt(m: Sizes, p: KindProfile): boolean {
  const t = typicalLnFactor(m, p);
  return Math.abs(t.ln) < Math.log(WIDE_MARGIN) && !quantities(m, p).some(farBeyond);
}

export function assessPlausibility(input: PlausibilityInput): PlausibilityReport {
  const { measures: m } = input;
  const chosen = input.kind && input.kind !== 'auto' ? input.kind : null;
  const inferred = chosen ? null : inferKind(m);
  const kind = chosen ?? inferred!.kind;
  const profile = PROFILES[kind];
  const sizes: Sizes = { cameraHeight: m.cameraHeight, medianDepth: m.medianDepth, extent: m.extent };
  const t = typicalLnFactor(sizes, profile);
  const plausible = plausibleAt(sizes, profile);
  const qs = quantities(sizes, profile);

  let candidates: ScaleCandidate[] = [];
  if (input.depthMap) {
    const u = input.depthMap.unitsPerMetre;
    const raw = input.depthMap.raw;
    const tumLike = !!raw && raw.count >= 1000 && raw.multiplesOf5 >= 0.999;
    const scales = [...new Set([u, ...CANDIDATE_SCALES])];
    // Gaussian in log scale around the typical factor, times the raw values' odds; in logs, so that
    // a scale 1000× off does not underflow to the same zero as one 50× off
    const scored = scales.map((c) => {
      const f = u / c;
      const z = Number.isFinite(t.sigma) ? (t.ln - Math.log(f)) / t.sigma : 0;
      return { c, f, at: scaled(sizes, f), logWeight: -0.5 * z * z + (c === 5000 && tumLike ? Math.log(TUM_ODDS) : 0) };
    });
    const top = Math.max(...scored.map((x) => x.logWeight));
    const total = scored.reduce((s, x) => s + Math.exp(x.logWeight - top), 0);
    candidates = scored
      .map(({ c, f, at, logWeight }) => ({
        unitsPerMetre: c,
        ...(scaleLabel(c) ? { label: scaleLabel(c) } : {}),
        factor: f,
        cameraHeight: at.cameraHeight,
        medianDepth: at.medianDepth,
        extent: at.extent,
        probability: Math.exp(logWeight - top) / total,
        plausible: plausibleAt(at, profile),
        current: c === u,
      }))
      .sort((a, b) => b.probability - a.probability);
  }
  const proposal = plausible ? undefined : candidates.find((c) => c.plausible && !c.current);
  const alsoFits = inferred && !plausible ? ALTERNATIVES[kind].filter((k) => plausibleAt(sizes, PROFILES[k])) : [];
  const report: PlausibilityReport = {
    kind,
    kindSource: chosen ? 'user' : 'inferred',
    kindReason: inferred?.reason ?? 'as you set it',
    plausible,
    typicalFactor: Math.exp(t.ln),
    quantities: qs,
    candidates,
    ...(proposal ? { proposal } : {}),
    alsoFits,
    ...(!plausible && !proposal ? { advice: adviceFor(input) } : {}),
    warnings: [],
  };
  if (!plausible) report.warnings.push({ code: 'implausible-scale', message: warningText(report), ...(proposal ? { proposedDepthScale: proposal.unitsPerMetre } : {}) });
  return report;
}

/** "camera 7.32 m above the floor (indoor: 0.3–3 m)". */
export function quantityText(q: Quantity, kind: SceneKind): string {
  const range = `${kind}: ${q.range.lo}–${q.range.hi} m`;
  if (q.name === 'camera height') return `camera ${fmtMetres(q.value)} m above the ${PROFILES[kind].support} (${range})`;
  if (q.name === 'median depth') return `median depth ${fmtMetres(q.value)} m (${range})`;
  return `${fmtMetres(q.value)} m across (${range})`;
}

/** "At 5000 per metre (TUM): camera 1.46 m above the floor, median depth 3.17 m." */
export function candidateText(c: ScaleCandidate, kind: SceneKind): string {
  const parts = [
    ...(c.cameraHeight !== null ? [`camera ${fmtMetres(c.cameraHeight)} m above the ${PROFILES[kind].support}`] : []),
    `median depth ${fmtMetres(c.medianDepth)} m`,
    `${fmtMetres(c.extent)} m across`,
  ];
  return `At ${describeScale(c.unitsPerMetre)}: ${parts.join(', ')}.`;
}

function adviceFor(input: PlausibilityInput): string {
  if (input.depthMap) return `No usual depth scale (${CANDIDATE_SCALES.join(', ')} per metre) makes it plausible: check the depth map and the scene kind.`;
  if (input.assumedCameraHeight !== undefined)
    return `Its scale comes from the camera height assumed (${input.assumedCameraHeight} m) and the depth model: check both, the intrinsics and the scene kind.`;
  return 'Check the intrinsics, the depth model and the scene kind.';
}

const article = (k: SceneKind) => (k === 'tabletop' ? `a ${k}` : `an ${k}`);

function warningText(r: PlausibilityReport): string {
  const f = r.typicalFactor;
  const size = f >= 1 ? `${f.toFixed(1)}× smaller` : `${(1 / f).toFixed(1)}× larger`;
  const head = `Implausible for ${article(r.kind)} scene (${r.kindSource === 'user' ? 'as set' : `inferred: ${r.kindReason}`}): ${r.quantities.map((q) => quantityText(q, r.kind)).join(', ')}; ${size} than a typical ${r.kind} scene.`;
  const tail = r.proposal ? ` ${candidateText(r.proposal, r.kind)}` : ` ${r.advice}`;
  const also = r.alsoFits.length ? ` Or, if it is ${r.alsoFits.map(article).join(' or ')} scene, the scale in use is plausible: set the scene kind.` : '';
  return head + tail + also;
}
