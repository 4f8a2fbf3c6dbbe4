import onnxProto, { type onnx } from 'onnx-proto';

/**
 * The ONNX graphs of the GloVe model (see glove-model.ts), encoded with onnx-proto: a file of its own so that
 * only a build loads the encoder.
 */

const proto = onnxProto.onnx;

/** The builder's version and the vectors' source, which the encoded model names as its producer. */
export interface Producer {
  version: number;
  source: string;
}

const FLOAT = proto.TensorProto.DataType.FLOAT;
const INT8 = proto.TensorProto.DataType.INT8;
const INT64 = proto.TensorProto.DataType.INT64;
// Opset 13 and IR 7 are well inside what transformers.js 2.17's onnxruntime 1.14 runs.
const OPSET = 13;
const IR_VERSION = 7;

/** The model with a float table of the SIF-weighted vectors. */
export function floatModel(
  table: Float32Array,
  rows: number,
  dimensions: number,
  producer: Producer,
): Uint8Array {
  return encodeModel(
    'GloVe 6B 100-d, SIF-weighted; last_hidden_state = table[input_ids] * attention_mask',
    [
      node('Gather', ['embeddings', 'input_ids'], ['token_vectors']),
      ...maskNodes(),
      node('Mul', ['token_vectors', 'mask'], ['last_hidden_state']),
    ],
    [tensor('embeddings', FLOAT, [rows, dimensions], bytesOf(table))],
    dimensions,
    producer,
  );
}

/**
 * Int8 rows with one symmetric scale per row: row norms vary several-fold (SIF weights alone span 0.06
 * to 1), and one shared scale would leave the small rows only a few int8 levels. Gathering int8 rows, then
 * scaling only the gathered ones, avoids dequantizing the whole table on every call.
 */
export function quantizedModel(
  table: Float32Array,
  rows: number,
  dimensions: number,
  producer: Producer,
): Uint8Array {
  const quantized = new Int8Array(rows * dimensions);
  const scales = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const row = table.subarray(r * dimensions, (r + 1) * dimensions);
    let max = 0;
    for (const x of row) max = Math.max(max, Math.abs(x));
    if (max === 0) continue;
    const scale = Math.fround(max / 127);
    scales[r] = scale;
    for (let d = 0; d < dimensions; d++) {
      quantized[r * dimensions + d] = Math.max(-127, Math.min(127, Math.round(row[d]! / scale)));
    }
  }
  return encodeModel(
    'GloVe 6B 100-d, SIF-weighted, int8 rows with per-row scales; ' +
      'last_hidden_state = float(table[input_ids]) * scale[input_ids] * attention_mask',
    [
      node('Gather', ['embeddings_int8', 'input_ids'], ['token_codes']),
      node('Cast', ['token_codes'], ['token_codes_float'], [intAttribute('to', FLOAT)]),
      node('Gather', ['row_scales', 'input_ids'], ['token_scales']),
      ...maskNodes(),
      node('Mul', ['token_scales', 'mask'], ['masked_scales']),
      node('Mul', ['token_codes_float', 'masked_scales'], ['last_hidden_state']),
    ],
    [
      tensor('embeddings_int8', INT8, [rows, dimensions], bytesOf(quantized)),
      tensor('row_scales', FLOAT, [rows, 1], bytesOf(scales)),
    ],
    dimensions,
    producer,
  );
}

/**
 * attention_mask is a real input because transformers.js feeds every tokenizer output and warns about
 * any the model does not declare; using it also keeps padding positions zero whatever the table holds.
 */
function maskNodes(): onnx.INodeProto[] {
  return [
    node('Cast', ['attention_mask'], ['mask_float'], [intAttribute('to', FLOAT)]),
    node('Unsqueeze', ['mask_float', 'last_axis'], ['mask']),
  ];
}

function encodeModel(
  docString: string,
  nodes: onnx.INodeProto[],
  initializers: onnx.ITensorProto[],
  dimensions: number,
  producer: Producer,
): Uint8Array {
  const model = proto.ModelProto.create({
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: OPSET }],
    producerName: 'news-qa-bot glove-model',
    producerVersion: String(producer.version),
    docString: `${docString}. Source: ${producer.source}.`,
    graph: {
      name: 'glove_sif',
      node: nodes.map((n, i) => ({ ...n, name: `${n.opType}_${i}` })),
      initializer: [...initializers, tensor('last_axis', INT64, [1], bytesOf(BigInt64Array.of(-1n)))],
      input: [
        valueInfo('input_ids', INT64, ['batch_size', 'sequence_length']),
        valueInfo('attention_mask', INT64, ['batch_size', 'sequence_length']),
      ],
      output: [valueInfo('last_hidden_state', FLOAT, ['batch_size', 'sequence_length', dimensions])],
    },
  });
  return proto.ModelProto.encode(model).finish();
}

function node(
  opType: string,
  input: string[],
  output: string[],
  attribute: onnx.IAttributeProto[] = [],
): onnx.INodeProto {
  return { opType, input, output, attribute };
}

function intAttribute(name: string, value: number): onnx.IAttributeProto {
  return { name, type: proto.AttributeProto.AttributeType.INT, i: value };
}

function tensor(name: string, dataType: number, dims: number[], rawData: Uint8Array): onnx.ITensorProto {
  return { name, dataType, dims, rawData };
}

function valueInfo(name: string, elemType: number, dims: (string | number)[]): onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
      },
    },
  };
}

// ONNX raw_data is little-endian, as are typed arrays on every platform Node supports.
function bytesOf(array: Float32Array | Int8Array | BigInt64Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}
