// The models the inference benches time: the generated depthnet-384, the shared YOLOX-Nano, and one
// generated graph per catalogue architecture at the input size the app feeds it. The catalogue's
// weights cannot be fetched here, so each of those is a DINOv2 ViT-S/14 encoder (12 blocks, width
// 384, 6 heads, MLP 1536, exported-op style: LayerNormalization, MatMul, Softmax, Erf-GELU) with a
// DPT head (features 64, reassemble channels 48/96/192/384), random weights, and the published
// export's input and output names and shapes. They are written beside the test models (ignored by
// git) the first time a bench asks for them.
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { mulberry32 } from '../../src/domain/geometry/random';
import { GraphBuilder, float } from '../../scripts/onnx/builder';
import { TEST_MODELS_DIR } from '../../scripts/testModels';

export interface BenchModel {
  key: string;
  name: string;
  file: string;
  input: string;
  dims: number[];
  /** Extra int64 scalar feeds (MoGe-2's num_tokens). */
  scalars?: Record<string, number>;
  /** Generated here (ViT-S + DPT); undefined for files made elsewhere. */
  vit?: VitSpec;
}

interface VitSpec {
  h: number;
  w: number;
  outputs: 'depth' | 'moge';
  /** Register tokens (Metric3D v2's DINOv2-reg has 4). */
  registers: number;
  /** Transformer blocks; 12 in ViT-S (fewer only to test the graph's wiring quickly). */
  blocks?: number;
}

const ROOT = path.resolve(import.meta.dirname, '../..');
export const BENCH_MODELS: BenchModel[] = [
  { key: 'depthnet', name: 'depthnet-384 (generated conv net, 3.8 GFLOPs)', file: path.join(TEST_MODELS_DIR, 'depthnet-384.onnx'), input: 'pixel_values', dims: [1, 3, 384, 384] },
  { key: 'yolox', name: 'YOLOX-Nano COCO 416² (shipped in models/, real weights)', file: path.join(ROOT, 'models/yolox_nano.onnx'), input: 'images', dims: [1, 3, 416, 416] },
  { key: 'dav2', name: 'Depth Anything V2 Small arch, 518² (generated ViT-S+DPT)', file: path.join(TEST_MODELS_DIR, 'bench-vits-dav2-518.onnx'), input: 'pixel_values', dims: [1, 3, 518, 518], vit: { h: 518, w: 518, outputs: 'depth', registers: 0 } },
  // The app feeds MoGe-2 1800 tokens: a 4:3 photo becomes 37×49 patches.
  { key: 'moge2', name: 'MoGe-2 ViT-S arch, 518×686, 1813 tokens (generated)', file: path.join(TEST_MODELS_DIR, 'bench-vits-moge2-518x686.onnx'), input: 'image', dims: [1, 3, 518, 686], scalars: { num_tokens: 1800 }, vit: { h: 518, w: 686, outputs: 'moge', registers: 0 } },
  { key: 'metric3d', name: 'Metric3D v2 ViT-S arch, 616×1064 (generated ViT-S+DPT)', file: path.join(TEST_MODELS_DIR, 'bench-vits-metric3d-616x1064.onnx'), input: 'pixel_values', dims: [1, 3, 616, 1064], vit: { h: 616, w: 1064, outputs: 'depth', registers: 4 } },
];

const D = 384, HEADS = 6, DEPTH = 12, MLP = 1536, PATCH = 14, FEAT = 64;
const REASSEMBLE = [48, 96, 192, 384];
const TAPS = [2, 5, 8, 11];

/** ViT-S/14 + DPT head, random weights of the usual scale (activations stay O(1), no denormals). */
export function buildVitDpt(name: string, spec: VitSpec): Uint8Array {
  const g = new GraphBuilder(name, 'Benchmark graph: DINOv2 ViT-S/14 + DPT head, random weights');
  const rand = mulberry32(0x5eed);
  const ph = spec.h / PATCH, pw = spec.w / PATCH, n = ph * pw;
  const weights = (size: number, fanIn: number) => {
    const a = new Float32Array(size), lim = Math.sqrt(3 / fanIn);
    for (let i = 0; i < size; i++) a[i] = (2 * rand() - 1) * lim;
    return a;
  };
  const small = (size: number) => Float32Array.from({ length: size }, () => (2 * rand() - 1) * 0.02);
  const ones = (size: number) => new Float32Array(size).fill(1);
  let k = 0;
  const param = (data: Float32Array, dims: number[]) => g.init(`w${k++}`, data, dims);
  const linear = (x: string, cin: number, cout: number) => g.node('Add', [g.node('MatMul', [x, param(weights(cin * cout, cin), [cin, cout])]), param(small(cout), [cout])]);
  const conv = (x: string, cin: number, cout: number, kernel: number, stride = 1, bias = true) =>
    g.node('Conv', [x, param(weights(cout * cin * kernel * kernel, cin * kernel * kernel), [cout, cin, kernel, kernel]), ...(bias ? [param(small(cout), [cout])] : [])], undefined, {
      kernel_shape: [kernel, kernel], strides: [stride, stride], pads: Array(4).fill(kernel === 3 ? 1 : 0),
    });
  const layerNorm = (x: string) => g.node('LayerNormalization', [x, param(ones(D), [D]), param(small(D), [D])], undefined, { axis: -1, epsilon: float(1e-6) });

  // Inputs and the patch embedding.
  const image = g.input(spec.outputs === 'moge' ? 'image' : 'pixel_values', 'float32', [1, 3, spec.h, spec.w]);
  if (spec.outputs === 'moge') g.input('num_tokens', 'int64', []);
  const patches = conv(image, 3, D, PATCH, PATCH);
  let x = g.node('Transpose', [g.node('Reshape', [patches, g.constI64([1, D, n])])], undefined, { perm: [0, 2, 1] });
  const extra = 1 + spec.registers; // class token (+ registers)
  x = g.node('Concat', [param(small(extra * D), [1, extra, D]), x], undefined, { axis: 1 });
  x = g.node('Add', [x, param(small((n + extra) * D), [1, n + extra, D])]);
  const tokens = n + extra;
  const scale = g.constF([1 / Math.sqrt(D / HEADS)], [1]);
  const depth = spec.blocks ?? DEPTH;
  // The DPT head reads four blocks' tokens; a shortened test graph reads its last block four times.
  const tapAt = depth === DEPTH ? TAPS : TAPS.map(() => depth - 1);
  const taps: string[] = [];
  for (let b = 0; b < depth; b++) {
    const qkv = g.node('Transpose', [g.node('Reshape', [linear(layerNorm(x), D, 3 * D), g.constI64([1, tokens, 3, HEADS, D / HEADS])])], undefined, { perm: [2, 0, 3, 1, 4] });
    const parts = [g.fresh('q'), g.fresh('k'), g.fresh('v')];
    g.node('Split', [qkv], parts, { axis: 0 });
    const [q, kk, v] = parts.map((p) => g.node('Squeeze', [p, g.constI64([0])]));
    const att = g.node('Softmax', [g.node('Mul', [g.node('MatMul', [q, g.node('Transpose', [kk], undefined, { perm: [0, 1, 3, 2] })]), scale])], undefined, { axis: -1 });
    const heads = g.node('Reshape', [g.node('Transpose', [g.node('MatMul', [att, v])], undefined, { perm: [0, 2, 1, 3] }), g.constI64([1, tokens, D])]);
    x = g.node('Add', [x, g.node('Mul', [linear(heads, D, D), param(ones(D), [D])])]);
    const h = linear(layerNorm(x), D, MLP);
    const gelu = g.node('Mul', [g.node('Mul', [h, g.constF([0.5], [1])]), g.node('Add', [g.node('Erf', [g.node('Div', [h, g.constF([Math.SQRT2], [1])])]), g.constF([1], [1])])]);
    x = g.node('Add', [x, g.node('Mul', [linear(gelu, MLP, D), param(ones(D), [D])])]);
    for (const t of tapAt) if (t === b) taps.push(layerNorm(x));
  }

  // DPT: reassemble four taps to 4×, 2×, 1×, ½× the patch grid, then fuse coarse to fine.
  const sizes: [number, number][] = [[ph * 4, pw * 4], [ph * 2, pw * 2], [ph, pw], [Math.ceil(ph / 2), Math.ceil(pw / 2)]];
  const levels = taps.map((t, i) => {
    const body = g.node('Slice', [t, g.constI64([extra]), g.constI64([tokens]), g.constI64([1])]);
    let m = g.node('Reshape', [g.node('Transpose', [body], undefined, { perm: [0, 2, 1] }), g.constI64([1, D, ph, pw])]);
    m = conv(m, D, REASSEMBLE[i], 1);
    const c = REASSEMBLE[i];
    if (i < 2) {
      const s = i === 0 ? 4 : 2;
      m = g.node('ConvTranspose', [m, param(weights(c * c * s * s, c), [c, c, s, s]), param(small(c), [c])], undefined, { kernel_shape: [s, s], strides: [s, s] });
    } else if (i === 3) m = conv(m, c, c, 3, 2);
    return conv(m, c, FEAT, 3, 1, false);
  });
  const rcu = (y: string) => g.node('Add', [y, conv(g.node('Relu', [conv(g.node('Relu', [y]), FEAT, FEAT, 3)]), FEAT, FEAT, 3)]);
  const resizeTo = (y: string, c: number, [hh, ww]: [number, number]) => g.node('Resize', [y, '', '', g.constI64([1, c, hh, ww])], undefined, { mode: 'linear', coordinate_transformation_mode: 'align_corners' });
  let path = '';
  for (let i = 3; i >= 0; i--) {
    let y = i === 3 ? levels[i] : g.node('Add', [path, rcu(levels[i])]);
    y = rcu(y);
    y = resizeTo(y, FEAT, i === 0 ? [ph * 8, pw * 8] : sizes[i - 1]);
    path = conv(y, FEAT, FEAT, 1);
  }
  let head = resizeTo(conv(path, FEAT, FEAT / 2, 3), FEAT / 2, [spec.h, spec.w]);
  head = g.node('Relu', [conv(head, FEAT / 2, 32, 3)]);
  if (spec.outputs === 'depth') {
    g.node('Squeeze', [g.node('Relu', [conv(head, 32, 1, 1)]), g.constI64([1])], ['predicted_depth']);
    g.output('predicted_depth', 'float32', [1, spec.h, spec.w]);
  } else {
    // MoGe-2's heads: points (3), mask (1), normal (3), and a metric scale from the class token.
    const nhwc = (y: string) => g.node('Transpose', [y], undefined, { perm: [0, 2, 3, 1] });
    g.node('Identity', [nhwc(conv(head, 32, 3, 1))], ['points']);
    g.node('Sigmoid', [g.node('Squeeze', [conv(head, 32, 1, 1), g.constI64([1])])], ['mask']);
    g.node('Identity', [nhwc(conv(head, 32, 3, 1))], ['normal']);
    const cls = g.node('Reshape', [g.node('Slice', [taps[3], g.constI64([0]), g.constI64([1]), g.constI64([1])]), g.constI64([1, D])]);
    const tokensUsed = g.node('Cast', [g.node('Mul', ['num_tokens', g.constI64([0], [])])], undefined, { to: 1 });
    g.node('Add', [g.node('Exp', [g.node('Reshape', [linear(cls, D, 1), g.constI64([1])])]), tokensUsed], ['scale']);
    g.output('points', 'float32', [1, spec.h, spec.w, 3]);
    g.output('mask', 'float32', [1, spec.h, spec.w]);
    g.output('normal', 'float32', [1, spec.h, spec.w, 3]);
    g.output('scale', 'float32', [1]);
  }
  return g.toBytes();
}

/** Writes the generated bench models that are missing (about 90 MB each, fp32). */
export async function ensureBenchModels(keys?: string[]): Promise<void> {
  await mkdir(TEST_MODELS_DIR, { recursive: true });
  for (const m of BENCH_MODELS) {
    if (!m.vit || (keys && !keys.includes(m.key))) continue;
    const exists = await stat(m.file).then((s) => s.size > 0, () => false);
    if (exists) continue;
    const tmp = `${m.file}.${process.pid}.tmp`;
    await writeFile(tmp, buildVitDpt(path.basename(m.file, '.onnx'), m.vit));
    await import('node:fs/promises').then((fs) => fs.rename(tmp, m.file));
  }
}

/** Deterministic input in a plausible range, the same in every runtime. */
export function benchInput(dims: number[]): Float32Array {
  const n = dims.reduce((a, b) => a * b, 1);
  const x = new Float32Array(n);
  let s = 12345;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    x[i] = (s / 2 ** 32) * 2 - 1;
  }
  return x;
}
