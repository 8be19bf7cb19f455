// The learned blind baseline: logistic regression on features a reader can compute without the
// image. Multiple choice uses the conditional (multinomial) form: each option gets a score w·x and
// the options of one item compete through a softmax, so a feature shared by every option of an
// item cancels out. True/false uses the ordinary binary form. Plain batch gradient descent with an
// L2 penalty on standardised features: the data are small (thousands of items) and the result
// must be the same on every run.

/** One multiple-choice item: a row of features per option, and the index of the right one. */
export interface ChoiceSample {
  features: Float64Array[];
  answer: number;
}

/** One true/false item. */
export interface BinarySample {
  features: Float64Array;
  truth: boolean;
}

export interface Standardiser {
  mean: Float64Array;
  scale: Float64Array;
}

function standardiser(rows: Float64Array[], dim: number): Standardiser {
  const mean = new Float64Array(dim), sq = new Float64Array(dim);
  for (const r of rows) for (let k = 0; k < dim; k++) mean[k] += r[k];
  const n = Math.max(1, rows.length);
  for (let k = 0; k < dim; k++) mean[k] /= n;
  for (const r of rows) for (let k = 0; k < dim; k++) sq[k] += (r[k] - mean[k]) ** 2;
  const scale = new Float64Array(dim);
  // a constant feature gets scale 1 (and so a zero input): it can carry no information
  for (let k = 0; k < dim; k++) scale[k] = Math.sqrt(sq[k] / n) > 1e-9 ? Math.sqrt(sq[k] / n) : 1;
  return { mean, scale };
}

const apply = (s: Standardiser, r: Float64Array) => r.map((x, k) => (x - s.mean[k]) / s.scale[k]);

const dot = (w: Float64Array, x: Float64Array) => {
  let s = 0;
  for (let k = 0; k < w.length; k++) s += w[k] * x[k];
  return s;
};

export interface TrainOptions {
  iterations?: number;
  rate?: number;
  l2?: number;
}

/** A conditional-logit model: call it with an item's option rows for each option's probability. */
export function trainChoice(samples: ChoiceSample[], opts: TrainOptions = {}): (features: Float64Array[]) => Float64Array {
  const dim = samples[0]?.features[0]?.length ?? 0;
  const st = standardiser(samples.flatMap((s) => s.features), dim);
  const data = samples.map((s) => ({ x: s.features.map((r) => apply(st, r)), y: s.answer }));
  const w = new Float64Array(dim);
  const iterations = opts.iterations ?? 300, rate = opts.rate ?? 0.5, l2 = opts.l2 ?? 1e-3;
  const grad = new Float64Array(dim);
  for (let it = 0; it < iterations; it++) {
    grad.fill(0);
    for (const { x, y } of data) {
      const p = softmax(x.map((r) => dot(w, r)));
      for (let i = 0; i < x.length; i++) {
        const g = p[i] - (i === y ? 1 : 0);
        for (let k = 0; k < dim; k++) grad[k] += g * x[i][k];
      }
    }
    for (let k = 0; k < dim; k++) w[k] -= rate * (grad[k] / Math.max(1, data.length) + l2 * w[k]);
  }
  return (features) => softmax(features.map((r) => dot(w, apply(st, r))));
}

/** A binary model: the probability that the statement is true. */
export function trainBinary(samples: BinarySample[], opts: TrainOptions = {}): (features: Float64Array) => number {
  const dim = samples[0]?.features.length ?? 0;
  const st = standardiser(samples.map((s) => s.features), dim);
  const data = samples.map((s) => ({ x: apply(st, s.features), y: s.truth ? 1 : 0 }));
  const w = new Float64Array(dim);
  let b = 0;
  const iterations = opts.iterations ?? 300, rate = opts.rate ?? 0.5, l2 = opts.l2 ?? 1e-3;
  const grad = new Float64Array(dim);
  for (let it = 0; it < iterations; it++) {
    grad.fill(0);
    let gb = 0;
    for (const { x, y } of data) {
      const g = sigmoid(dot(w, x) + b) - y;
      gb += g;
      for (let k = 0; k < dim; k++) grad[k] += g * x[k];
    }
    const n = Math.max(1, data.length);
    b -= (rate * gb) / n;
    for (let k = 0; k < dim; k++) w[k] -= rate * (grad[k] / n + l2 * w[k]);
  }
  return (features) => sigmoid(dot(w, apply(st, features)) + b);
}

function softmax(z: number[]): Float64Array {
  const m = Math.max(...z);
  const e = Float64Array.from(z, (v) => Math.exp(v - m));
  let s = 0;
  for (const v of e) s += v;
  return e.map((v) => v / s);
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
