// Relation and imagination items measured from their marks and depth, as the generator defines
// them: every object's 3D centre in the gravity-levelled frame of the first camera, the relation
// (left/right, above/below, front/behind; a part empty when the difference is under 0.1 m) of A
// to B, or of A to the camera, or — for imagination — of C to an observer standing at A and facing
// B (or of C to D as that observer sees them). The answer is compared part by part: a flipped part
// is an error, a part that is empty on one side only is a warning, and a part whose measured
// difference lies within the measurement's spread of the 0.1 m threshold is too close to call.
import { type Vec3, norm, sub } from '../../geometry/linalg';
import {
  RELATION_MARGIN,
  RELATION_THRESHOLD,
  type Relation,
  type Viewpoint,
  elevation,
  facingViewpoint,
  inView,
  relationText,
} from '../relations';
import type { MarkColour, QAItem } from '../types';
import type { Finding } from './findings';
import { type LevelFrame, levelFrameOf, levelNote, levelled } from './levelFrame';
import { type FoundOnImage, type MarkCloud, markCloud, robustCentre } from './markPoints';
import type { ItemImage, PixelAudit } from './measureItem';
import { namesByColour } from './measureItem';
import { optionText, parseRelationAnswer } from './relationAnswer';

export { RELATION_TASKS } from './relationTasks';

/**
 * A point mark sits on the object's surface while the relation is between 3D centres, which lie
 * farther along the view by up to half the object: this much is allowed along the view axis.
 */
const POINT_DEPTH_ALLOWANCE = 0.1;

type Part = 'lr' | 'ab' | 'fb';
const PARTS: readonly Part[] = ['lr', 'ab', 'fb'];
const LABELS: Record<Part, [string, string]> = { lr: ['right', 'left'], ab: ['above', 'below'], fb: ['front', 'behind'] };

/** An object placed in the levelled frame: [right, forward, up], and how sure each coordinate is. */
export interface Placed {
  colour: MarkColour;
  at: Vec3;
  spread: Vec3;
}

export type PartVerdict = 'agrees' | 'too-close' | 'flipped' | 'differs';

export interface PartCheck {
  part: Part;
  answer: string;
  measured: string;
  /** Signed difference along the part's axis (positive: right, above, front). */
  d: number;
  /** How far from the threshold the difference must be to be sure of its side. */
  margin: number;
  verdict: PartVerdict;
}

/** Places a mark's cloud in the levelled frame: its robust centre and spread (a view-axis allowance for point marks). */
export function place(c: MarkCloud, frame: LevelFrame): Placed {
  const pts = c.points.map((p) => levelled(frame, p));
  if (c.kind === 'point') {
    const s = c.sigma ?? 0.01;
    return { colour: c.colour, at: pts[0], spread: [s, Math.hypot(s, POINT_DEPTH_ALLOWANCE), s] };
  }
  const { centre, spread } = robustCentre(pts);
  // the centre lies behind the visible face by half the object's depth, which the box cannot show:
  // allowed as much as the object's visible extent suggests
  spread[1] = Math.max(spread[1], spread[0], spread[2]);
  return { colour: c.colour, at: centre, spread };
}

/** One part compared: the measured side, and whether it is sure enough to judge the answer's. */
export function checkPart(part: Part, answer: string, d: number, spread: number): PartCheck {
  const [pos, neg] = LABELS[part];
  const measured = Math.abs(d) > RELATION_THRESHOLD ? (d > 0 ? pos : neg) : '';
  const margin = Math.max(RELATION_MARGIN, spread);
  const clear = Math.abs(Math.abs(d) - RELATION_THRESHOLD) > margin;
  const verdict: PartVerdict = answer === measured ? 'agrees' : !clear ? 'too-close' : answer && measured ? 'flipped' : 'differs';
  return { part, answer, measured, d, margin, verdict };
}

/** Signed differences [right, forward-as-front, up] of where A is relative to B, as the viewer whose frame they are in sees them. */
const between = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], b[1] - a[1], a[2] - b[2]];
/** Of a point relative to the viewer at the origin: ahead of the viewer is "front". */
const toViewer = (a: Vec3): Vec3 => [a[0], a[1], a[2]];

/** The relation each part states, from the signed differences (lr, fb, ab order as in between/toViewer). */
function compare(answer: Relation, d: Vec3, spread: Vec3): PartCheck[] {
  // d and spread are ordered [lr, fb, ab]
  return [checkPart('lr', answer.lr, d[0], spread[0]), checkPart('ab', answer.ab, d[2], spread[2]), checkPart('fb', answer.fb, d[1], spread[1])];
}

/** The viewpoint of an observer at A facing B, in the levelled frame (the generator's definition). */
export function observerAt(a: Vec3, b: Vec3): Viewpoint | null {
  return facingViewpoint(a, b);
}

const fmt = (x: number) => Math.abs(x).toFixed(2);
const word = (s: string) => s || 'same';

/** "left (0.42 m) · above (0.31 m) · behind (0.05 m, too close)". */
export function partsText(parts: readonly PartCheck[]): string {
  return parts.map((p) => `${word(p.measured)} (${fmt(p.d)} m${p.verdict === 'too-close' ? ', too close' : ''})`).join(' · ');
}

/**
 * The roles of the marks: the one a relation is taken relative to is the mark named right after
 * "relative to", "with respect to"… when the question says so, else the SPAR order (red, blue,
 * green, yellow follow the objects' order).
 */
function referenceColour(question: string): MarkColour | null {
  const m = /(?:relative to|with respect to|in relation to|compared (?:to|with))\s+(?:the\s+)?[^()]{0,60}?\(\s*(red|blue|green|yellow)\s/i.exec(question);
  return m ? (m[1].toLowerCase() as MarkColour) : null;
}

export interface RelationMeasure {
  answer: Relation | null;
  measured: Relation;
  parts: PartCheck[];
  method: string;
  /** Extra facts for the line (a steep imagined view, an unlevelled frame). */
  notes: string[];
}

/** The relation measured from placed objects, for a task; a string says why it cannot be. */
export function relationOf(task: string, question: string, placed: ReadonlyMap<MarkColour, Placed>, answer: Relation | null): RelationMeasure | string {
  const base = task.replace(/_mv$/, '');
  const P = (c: MarkColour) => placed.get(c);
  const need = (...cs: MarkColour[]) => cs.filter((c) => !P(c));
  const names = namesByColour(question);
  const nm = (c: MarkColour) => `${names.get(c) ?? 'the object'} (${c})`;
  const blank: Relation = { lr: '', ab: '', fb: '' };
  const notes: string[] = [];
  let d: Vec3, spread: Vec3, method: string;
  if (base === 'obj_spatial_relation_oc') {
    const a = P('red');
    if (!a) return 'the red mark is not placed';
    d = toViewer(a.at);
    spread = [a.spread[0], a.spread[1], a.spread[2]];
    method = `${nm('red')} relative to the camera`;
  } else if (base === 'obj_spatial_relation_oo') {
    const ref = referenceColour(question);
    const [sa, sb]: [MarkColour, MarkColour] = ref === 'red' ? ['blue', 'red'] : ['red', 'blue'];
    const missing = need(sa, sb);
    if (missing.length) return `the ${missing.join(' and ')} mark${missing.length > 1 ? 's are' : ' is'} not placed`;
    const a = P(sa)!, b = P(sb)!;
    d = between(a.at, b.at);
    spread = [Math.hypot(a.spread[0], b.spread[0]), Math.hypot(a.spread[1], b.spread[1]), Math.hypot(a.spread[2], b.spread[2])];
    method = `${nm(sa)} relative to ${nm(sb)}`;
  } else {
    const four = base === 'spatial_imagination_oo' && !!P('yellow');
    const roles: MarkColour[] = base === 'spatial_imagination_oo' ? ['red', 'blue', 'green', four ? 'yellow' : 'blue'] : ['red', 'blue', 'green'];
    const missing = need(...new Set(roles));
    if (missing.length) return `the ${missing.join(' and ')} mark${missing.length > 1 ? 's are' : ' is'} not placed`;
    const [A, B, C] = [P(roles[0])!, P(roles[1])!, P(roles[2])!];
    const vp = observerAt(A.at, B.at);
    if (!vp) return `the observer at ${nm('red')} would face straight up or down`;
    const el = (elevation(vp.forward) * 180) / Math.PI;
    if (Math.abs(el) > 30) notes.push(`the imagined view looks ${el > 0 ? 'up' : 'down'} ${Math.round(Math.abs(el))}°, steeper than SPAR keeps`);
    const s = (p: Placed) => Math.max(...p.spread);
    // where the observer stands and which way it faces are measured too: an error in A or B turns
    // the frame by about their spread over the distance between them
    const turn = Math.hypot(s(A), s(B)) / Math.max(0.1, norm(sub(B.at, A.at)));
    const oc = inView(vp, C.at);
    if (base === 'spatial_imagination_oc') {
      const m = Math.hypot(s(C), s(A), turn * norm(sub(C.at, A.at)));
      d = [oc[0], oc[1], oc[2]];
      spread = [m, m, m];
      method = `${nm('green')} seen from ${nm('red')} facing ${nm('blue')}`;
    } else {
      const D = P(roles[3])!;
      const od = inView(vp, D.at);
      const m = Math.hypot(s(C), s(D), turn * norm(sub(C.at, D.at)));
      d = between(oc, od);
      spread = [m, m, m];
      method = `${nm('green')} relative to ${nm(roles[3])}, seen from ${nm('red')} facing ${nm('blue')}`;
    }
  }
  const parts = compare(answer ?? blank, d, spread);
  const measured = { lr: parts[0].measured, ab: parts[1].measured, fb: parts[2].measured } as Relation;
  return { answer, measured, parts, method, notes };
}

/**
 * Fills `out` for a relation or imagination item: marks placed in 3D, the relation measured and
 * compared with the answer. `found` are the marks found (or given) on the item's images.
 */
export function measureRelation(item: QAItem, images: readonly ItemImage[], found: readonly FoundOnImage[], out: PixelAudit): void {
  const findings: Finding[] = out.findings;
  if (!images.length) return;
  const frame = levelFrameOf({ pose: images[0].pose, depth: images[0].depth, Kdepth: images[0].Kdepth ?? images[0].K });
  const placed = new Map<MarkColour, Placed>();
  for (const colour of ['red', 'blue', 'green', 'yellow'] as const) {
    const hits = found.filter((f) => f.color === colour);
    if (hits.length !== 1) continue;
    const c = markCloud(hits[0], images);
    if (typeof c === 'string') {
      findings.push({ code: 'not-measured', severity: 'info', message: c });
      return;
    }
    placed.set(colour, place(c, frame));
  }
  const text = optionText(item);
  const answer = parseRelationAnswer(text);
  const r = relationOf(item.task, item.question, placed, answer);
  if (typeof r === 'string') {
    if (found.length) findings.push({ code: 'not-measured', severity: 'info', message: `${r}, so the relation is not measured` });
    return;
  }
  const method = `${r.method}; ${levelNote(frame)}`;
  out.measured = { value: relationText(r.measured), unit: 'relation', method };
  if (!answer) {
    findings.push({ code: 'answer-unreadable', severity: 'warn', message: `the answer "${item.answer}" states no left/right, above/below or front/behind to compare with the measured ${relationText(r.measured)} (${method})` });
    return;
  }
  out.answer = relationText(answer);
  const line = `answer ${[answer.lr, answer.ab, answer.fb].map(word).join(' · ')} — measured ${partsText(r.parts)} (${method}${r.notes.length ? `; ${r.notes.join('; ')}` : ''})`;
  out.display = line;
  const flipped = r.parts.filter((p) => p.verdict === 'flipped');
  const differs = r.parts.filter((p) => p.verdict === 'differs');
  const partName = (p: PartCheck) => `${word(p.answer)} where ${word(p.measured)} is measured`;
  if (flipped.length) {
    out.mismatch = true;
    findings.push({ code: 'measured-mismatch', severity: 'error', message: `${line}: ${flipped.map(partName).join(', ')}` });
  } else if (differs.length) findings.push({ code: 'measured-differs', severity: 'warn', message: `${line}: ${differs.map(partName).join(', ')}` });
  else if (r.parts.every((p) => p.verdict === 'too-close')) findings.push({ code: 'measured-undecided', severity: 'info', message: `${line}; every part too close to call` });
  else findings.push({ code: 'measured-agrees', severity: 'info', message: line });
}
