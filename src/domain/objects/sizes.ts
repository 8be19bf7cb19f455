// Physical size ranges for the COCO categories: the check the Lifting paper made (docs/references.md) with its Fig. 4 ("person"
// heights 0.5–2.0 m), extended to every category. Ranges are deliberately generous (children and
// toys, big and small makes): they are there to catch lifts that are off by a factor, not to
// judge unusual objects. `largest` bounds the box's longest side (any orientation); `height`
// bounds the vertical extent for things that stand upright by nature.
import { table } from '../dict';
import type { Box3D } from '../scene/scene';

export interface SizePrior {
  /** Longest side of the 3D box, metres. */
  largest: [number, number];
  /** Vertical extent, for upright things. */
  height?: [number, number];
  /** Where the range comes from. */
  source: string;
}

const T = 'typical dimensions (manufacturer and furniture-standard sizes), widened for unusual cases';
const A = 'typical adult/child animal sizes, widened';
const V = 'vehicle classes (kerb dimensions), widened';

export const SIZE_PRIORS = table<SizePrior>({
  person: { largest: [0.3, 2.2], height: [0.5, 2.0], source: 'Lifting paper Fig. 4 (person heights 0.5–2.0 m); longest side allows lying down' },
  bicycle: { largest: [0.8, 2.2], source: V },
  car: { largest: [2.5, 6.5], source: V },
  motorcycle: { largest: [1.2, 2.8], source: V },
  airplane: { largest: [5, 90], source: 'light aircraft to wide-body airliners' },
  bus: { largest: [6, 20], source: V },
  train: { largest: [8, 400], source: 'one car to a whole train in view' },
  truck: { largest: [4, 22], source: V },
  boat: { largest: [1.5, 120], source: 'dinghies to ferries' },
  'traffic light': { largest: [0.3, 1.6], source: T },
  'fire hydrant': { largest: [0.3, 1.3], height: [0.3, 1.3], source: T },
  'stop sign': { largest: [0.5, 1.3], source: 'sign plates 0.6–1.2 m across' },
  'parking meter': { largest: [0.3, 1.9], height: [0.3, 1.9], source: T },
  bench: { largest: [0.8, 3.5], height: [0.3, 1.2], source: T },
  bird: { largest: [0.08, 1.5], source: A },
  cat: { largest: [0.2, 1.1], source: 'domestic cats 0.3–0.5 m body, up to ~1 m with tail, kittens smaller' },
  dog: { largest: [0.2, 1.6], source: A },
  horse: { largest: [1.0, 3.0], source: A },
  sheep: { largest: [0.6, 1.8], source: A },
  cow: { largest: [1.0, 3.0], source: A },
  elephant: { largest: [2.0, 8.0], source: A },
  bear: { largest: [0.8, 3.0], source: A },
  zebra: { largest: [1.5, 3.0], source: A },
  giraffe: { largest: [2.0, 6.0], source: A },
  backpack: { largest: [0.2, 0.9], source: T },
  umbrella: { largest: [0.3, 3.0], source: 'folded hand umbrellas to patio umbrellas' },
  handbag: { largest: [0.1, 0.7], source: T },
  tie: { largest: [0.1, 1.6], source: T },
  suitcase: { largest: [0.3, 1.1], source: T },
  frisbee: { largest: [0.15, 0.35], source: T },
  skis: { largest: [0.8, 2.2], source: T },
  snowboard: { largest: [0.9, 1.9], source: T },
  'sports ball': { largest: [0.03, 0.8], source: 'table-tennis balls to exercise balls' },
  kite: { largest: [0.3, 5.0], source: T },
  'baseball bat': { largest: [0.5, 1.2], source: T },
  'baseball glove': { largest: [0.15, 0.45], source: T },
  skateboard: { largest: [0.5, 1.3], source: T },
  surfboard: { largest: [1.2, 3.5], source: T },
  'tennis racket': { largest: [0.4, 0.8], source: T },
  bottle: { largest: [0.05, 0.6], source: 'miniatures to 2–3 l bottles' },
  'wine glass': { largest: [0.08, 0.35], source: T },
  cup: { largest: [0.04, 0.25], source: 'espresso cups to large mugs' },
  fork: { largest: [0.08, 0.35], source: T },
  knife: { largest: [0.08, 0.5], source: T },
  spoon: { largest: [0.06, 0.35], source: T },
  bowl: { largest: [0.06, 0.6], source: T },
  banana: { largest: [0.08, 0.35], source: T },
  apple: { largest: [0.04, 0.15], source: T },
  sandwich: { largest: [0.05, 0.4], source: T },
  orange: { largest: [0.04, 0.15], source: T },
  broccoli: { largest: [0.04, 0.4], source: T },
  carrot: { largest: [0.03, 0.4], source: T },
  'hot dog': { largest: [0.08, 0.4], source: T },
  pizza: { largest: [0.1, 0.8], source: 'slices to family-size pizzas' },
  donut: { largest: [0.05, 0.2], source: T },
  cake: { largest: [0.05, 0.8], source: T },
  chair: { largest: [0.35, 1.4], height: [0.35, 1.4], source: 'seat height 0.40–0.48 m (furniture standards), backrests to ~1.1 m; stools and high chairs widened' },
  couch: { largest: [0.8, 3.8], height: [0.5, 1.3], source: T },
  'potted plant': { largest: [0.08, 2.5], source: T },
  bed: { largest: [1.2, 2.8], height: [0.2, 1.6], source: 'mattress lengths 1.9–2.1 m; cots and bunk beds widened' },
  'dining table': { largest: [0.5, 4.0], height: [0.4, 1.2], source: 'table-top heights 0.72–0.78 m (furniture standards), coffee and bar tables widened' },
  toilet: { largest: [0.35, 1.0], height: [0.3, 1.0], source: T },
  tv: { largest: [0.3, 2.5], source: 'screen diagonals 15–100 in' },
  laptop: { largest: [0.2, 0.5], source: T },
  mouse: { largest: [0.05, 0.16], source: T },
  remote: { largest: [0.08, 0.35], source: T },
  keyboard: { largest: [0.25, 0.6], source: T },
  'cell phone': { largest: [0.08, 0.22], source: T },
  microwave: { largest: [0.3, 0.8], source: T },
  oven: { largest: [0.4, 1.3], source: T },
  toaster: { largest: [0.15, 0.5], source: T },
  sink: { largest: [0.3, 1.5], source: T },
  refrigerator: { largest: [0.5, 2.2], height: [0.45, 2.2], source: 'bar fridges to full-height units' },
  book: { largest: [0.08, 0.5], source: T },
  clock: { largest: [0.05, 2.5], source: 'wrist-size to wall and tower clocks in view' },
  vase: { largest: [0.06, 1.2], source: T },
  scissors: { largest: [0.08, 0.35], source: T },
  'teddy bear': { largest: [0.08, 2.0], source: T },
  'hair drier': { largest: [0.12, 0.4], source: T },
  toothbrush: { largest: [0.1, 0.25], source: T },
});

export interface Plausibility {
  plausible: boolean;
  /** Whether the category has a size prior at all: without one the size is neither plausible nor not. */
  prior: boolean;
  /** Why not, in words, when not plausible. */
  reason?: string;
}

/**
 * Whether a lifted box has a physically plausible size for its category. A category with no prior
 * (typed by a user, imported from another dataset) is neutral: never flagged, and said to be unchecked.
 */
export function checkSize(category: string, box: Box3D): Plausibility {
  const prior = SIZE_PRIORS[category];
  if (!prior) return { plausible: true, prior: false };
  const largest = Math.max(...box.size);
  const [lo, hi] = prior.largest;
  if (largest < lo || largest > hi) return { plausible: false, prior: true, reason: `${category}: longest side ${largest.toFixed(2)} m, expected ${lo}–${hi} m` };
  if (prior.height) {
    const [hl, hh] = prior.height;
    const h = box.size[2];
    if (h < hl || h > hh) return { plausible: false, prior: true, reason: `${category}: height ${h.toFixed(2)} m, expected ${hl}–${hh} m` };
  }
  return { plausible: true, prior: true };
}
