// A deliberately small ONNX writer: just enough of onnx.proto to emit the
// synthetic test models in scripts/testModels.ts. The schema is declared with
// protobufjs reflection instead of shipping a .proto file so that the field
// numbers (the only thing that matters on the wire) sit next to the code that
// depends on them.
import protobuf from 'protobufjs';

const { Root, Type, Field, Enum } = protobuf;

export const IR_VERSION = 8;
export const OPSET_VERSION = 17;

export type ElemType = 'float32' | 'int64';
export type Dim = number | string;
export type TensorData = Float32Array | BigInt64Array;

// TensorProto.DataType values.
const DATA_TYPE: Record<ElemType, number> = { float32: 1, int64: 7 };

// AttributeProto.AttributeType values.
const ATTR = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, FLOATS: 6, INTS: 7 } as const;

// onnx.proto is proto2, so repeated scalars are unpacked unless marked; the
// official schema marks only AttributeProto.floats/ints as packed.
const PACKED = { packed: true };

function buildSchema() {
  const root = new Root();
  root.add(
    new Type('TensorProto')
      .add(new Field('dims', 1, 'int64', 'repeated'))
      .add(new Field('data_type', 2, 'int32'))
      .add(new Field('name', 8, 'string'))
      .add(new Field('raw_data', 9, 'bytes')),
  );
  root.add(
    new Enum('AttributeType', { UNDEFINED: 0, ...ATTR }),
  );
  root.add(
    new Type('AttributeProto')
      .add(new Field('name', 1, 'string'))
      .add(new Field('f', 2, 'float'))
      .add(new Field('i', 3, 'int64'))
      .add(new Field('s', 4, 'bytes'))
      .add(new Field('t', 5, 'TensorProto'))
      .add(new Field('floats', 7, 'float', 'repeated', undefined, PACKED))
      .add(new Field('ints', 8, 'int64', 'repeated', undefined, PACKED))
      .add(new Field('type', 20, 'AttributeType')),
  );
  root.add(
    new Type('NodeProto')
      .add(new Field('input', 1, 'string', 'repeated'))
      .add(new Field('output', 2, 'string', 'repeated'))
      .add(new Field('name', 3, 'string'))
      .add(new Field('op_type', 4, 'string'))
      .add(new Field('attribute', 5, 'AttributeProto', 'repeated'))
      .add(new Field('doc_string', 6, 'string'))
      .add(new Field('domain', 7, 'string')),
  );
  root.add(
    new Type('TensorShapeProto')
      .add(new Field('dim', 1, 'Dimension', 'repeated'))
      .add(
        new Type('Dimension')
          .add(new Field('dim_value', 1, 'int64'))
          .add(new Field('dim_param', 2, 'string')),
      ),
  );
  root.add(
    new Type('TypeProto')
      .add(new Field('tensor_type', 1, 'Tensor'))
      .add(
        new Type('Tensor')
          .add(new Field('elem_type', 1, 'int32'))
          .add(new Field('shape', 2, 'TensorShapeProto')),
      ),
  );
  root.add(
    new Type('ValueInfoProto')
      .add(new Field('name', 1, 'string'))
      .add(new Field('type', 2, 'TypeProto')),
  );
  root.add(
    new Type('GraphProto')
      .add(new Field('node', 1, 'NodeProto', 'repeated'))
      .add(new Field('name', 2, 'string'))
      .add(new Field('initializer', 5, 'TensorProto', 'repeated'))
      .add(new Field('doc_string', 10, 'string'))
      .add(new Field('input', 11, 'ValueInfoProto', 'repeated'))
      .add(new Field('output', 12, 'ValueInfoProto', 'repeated'))
      .add(new Field('value_info', 13, 'ValueInfoProto', 'repeated')),
  );
  root.add(
    new Type('OperatorSetIdProto')
      .add(new Field('domain', 1, 'string'))
      .add(new Field('version', 2, 'int64')),
  );
  root.add(
    new Type('ModelProto')
      .add(new Field('ir_version', 1, 'int64'))
      .add(new Field('producer_name', 2, 'string'))
      .add(new Field('producer_version', 3, 'string'))
      .add(new Field('domain', 4, 'string'))
      .add(new Field('model_version', 5, 'int64'))
      .add(new Field('doc_string', 6, 'string'))
      .add(new Field('graph', 7, 'GraphProto'))
      .add(new Field('opset_import', 8, 'OperatorSetIdProto', 'repeated')),
  );
  return root.resolveAll();
}

/** The reflected schema; exported so tests can decode what the builder wrote. */
export const onnxSchema = buildSchema();
export const ModelProto = onnxSchema.lookupType('ModelProto');

// Plain-object shapes of the messages we emit (protobufjs encodes these directly).
export interface TensorProto {
  name?: string;
  dims: number[];
  data_type: number;
  raw_data: Uint8Array;
}
interface AttributeProto {
  name: string;
  type: number;
  f?: number;
  i?: number;
  s?: Uint8Array;
  t?: TensorProto;
  floats?: number[];
  ints?: number[];
}
interface NodeProto {
  name: string;
  op_type: string;
  input: string[];
  output: string[];
  attribute: AttributeProto[];
}
interface ValueInfoProto {
  name: string;
  type: { tensor_type: { elem_type: number; shape: { dim: ({ dim_value: number } | { dim_param: string })[] } } };
}

/** Marks a number attribute as FLOAT; bare numbers are INT (the common case for Conv etc.). */
export interface FloatAttr { readonly kind: 'float'; readonly value: number }
export interface FloatsAttr { readonly kind: 'floats'; readonly value: readonly number[] }
export const float = (value: number): FloatAttr => ({ kind: 'float', value });
export const floats = (value: readonly number[]): FloatsAttr => ({ kind: 'floats', value });
export type AttrValue = number | readonly number[] | string | FloatAttr | FloatsAttr | TensorProto;

/** Serialises tensor data as ONNX raw_data, which is little-endian regardless of host. */
export function tensor(data: TensorData, dims: readonly number[], name?: string): TensorProto {
  const count = dims.reduce((a, b) => a * b, 1);
  if (count !== data.length) {
    throw new Error(`tensor ${name ?? ''}: ${data.length} values for dims [${dims.join(',')}]`);
  }
  const bytes = new Uint8Array(data.byteLength);
  const view = new DataView(bytes.buffer);
  if (data instanceof Float32Array) {
    for (let k = 0; k < data.length; k++) view.setFloat32(4 * k, data[k], true);
  } else {
    for (let k = 0; k < data.length; k++) view.setBigInt64(8 * k, data[k], true);
  }
  const elem: ElemType = data instanceof Float32Array ? 'float32' : 'int64';
  return { ...(name === undefined ? {} : { name }), dims: [...dims], data_type: DATA_TYPE[elem], raw_data: bytes };
}

function isTensor(v: AttrValue): v is TensorProto {
  return typeof v === 'object' && 'raw_data' in v;
}

function attribute(name: string, v: AttrValue): AttributeProto {
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) throw new Error(`attribute ${name}: ${v} is not an integer; wrap it in float()`);
    return { name, type: ATTR.INT, i: v };
  }
  if (typeof v === 'string') return { name, type: ATTR.STRING, s: new TextEncoder().encode(v) };
  if (Array.isArray(v)) return { name, type: ATTR.INTS, ints: [...v] };
  if (isTensor(v)) return { name, type: ATTR.TENSOR, t: v };
  const tagged = v as FloatAttr | FloatsAttr;
  return tagged.kind === 'float'
    ? { name, type: ATTR.FLOAT, f: tagged.value }
    : { name, type: ATTR.FLOATS, floats: [...tagged.value] };
}

function valueInfo(name: string, elem: ElemType, dims: readonly Dim[]): ValueInfoProto {
  // An empty `dim` list still emits the shape message, which ONNX reads as
  // rank 0 (a scalar); omitting `shape` altogether would mean "unknown rank".
  const dim = dims.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d }));
  return { name, type: { tensor_type: { elem_type: DATA_TYPE[elem], shape: { dim } } } };
}

export class GraphBuilder {
  private readonly inputs: ValueInfoProto[] = [];
  private readonly outputs: ValueInfoProto[] = [];
  private readonly initializers: TensorProto[] = [];
  private readonly nodes: NodeProto[] = [];
  private readonly defined = new Set<string>();
  private counter = 0;

  constructor(readonly name: string, readonly docString = '') {}

  input(name: string, elem: ElemType, dims: readonly Dim[]): string {
    this.define(name);
    this.inputs.push(valueInfo(name, elem, dims));
    return name;
  }

  output(name: string, elem: ElemType, dims: readonly Dim[]): string {
    this.outputs.push(valueInfo(name, elem, dims));
    return name;
  }

  init(name: string, data: TensorData, dims: readonly number[]): string {
    this.define(name);
    this.initializers.push(tensor(data, dims, name));
    return name;
  }

  /** Convenience for one-off float constants; returns a fresh initializer name. */
  constF(data: readonly number[] | Float32Array, dims: readonly number[], hint = 'c'): string {
    return this.init(this.fresh(hint), Float32Array.from(data), dims);
  }

  /** Convenience for int64 constants such as Squeeze axes or Reshape shapes. */
  constI64(data: readonly number[], dims: readonly number[] = [data.length], hint = 'i'): string {
    return this.init(this.fresh(hint), BigInt64Array.from(data, (x) => BigInt(x)), dims);
  }

  /** A unique intermediate name; avoids hand-numbering values in long graphs. */
  fresh(hint = 't'): string {
    let name: string;
    do name = `${hint}_${this.counter++}`;
    while (this.defined.has(name));
    return name;
  }

  /**
   * Appends a node; `outputs` may be omitted for a single fresh output.
   * Returns the first output name so single-output ops chain naturally.
   */
  node(opType: string, inputs: readonly string[], outputs?: readonly string[], attrs: Record<string, AttrValue> = {}): string {
    // Catch wiring mistakes here, where the message can name the node, instead
    // of as an opaque ORT load failure. "" is ONNX's "optional input omitted".
    for (const x of inputs) {
      if (x !== '' && !this.defined.has(x)) throw new Error(`${this.name}: ${opType} uses undefined value "${x}"`);
    }
    const outs = outputs ?? [this.fresh(opType.toLowerCase())];
    outs.forEach((o) => this.define(o));
    this.nodes.push({
      name: `${opType}_${this.nodes.length}`,
      op_type: opType,
      input: [...inputs],
      output: [...outs],
      attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
    });
    return outs[0];
  }

  toBytes(producer = 'spatial-lens-test-models'): Uint8Array {
    for (const o of this.outputs) {
      if (!this.defined.has(o.name)) throw new Error(`${this.name}: output "${o.name}" is never produced`);
    }
    const model = {
      ir_version: IR_VERSION,
      producer_name: producer,
      producer_version: '1',
      model_version: 1,
      doc_string: this.docString,
      opset_import: [{ domain: '', version: OPSET_VERSION }],
      graph: {
        name: this.name,
        node: this.nodes,
        initializer: this.initializers,
        input: this.inputs,
        output: this.outputs,
      },
    };
    const problem = ModelProto.verify(model);
    if (problem) throw new Error(`${this.name}: invalid ModelProto: ${problem}`);
    return ModelProto.encode(model).finish();
  }

  private define(name: string): void {
    if (this.defined.has(name)) throw new Error(`${this.name}: value "${name}" defined twice`);
    this.defined.add(name);
  }
}
