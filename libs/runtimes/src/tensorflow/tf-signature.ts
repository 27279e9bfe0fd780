import type { ModelSignature, TensorSpec } from '../model-runtime';
import { ModelLoadError } from '../model-runtime';
import type { DType } from '../tensor';

/** The default signature of a TensorFlow SavedModel and of tensorflowjs_converter. */
export const DEFAULT_SIGNATURE = 'serving_default';

/** TensorFlow's DataType names (as in GraphDef JSON and SignatureDefs) → Presage dtypes. */
const TF_DTYPES: Record<string, DType> = {
  DT_FLOAT: 'float32',
  DT_HALF: 'float32',
  DT_BFLOAT16: 'float32',
  DT_DOUBLE: 'float64',
  DT_INT8: 'int8',
  DT_INT16: 'int16',
  DT_INT32: 'int32',
  DT_INT64: 'int64',
  DT_UINT8: 'uint8',
  DT_UINT16: 'uint16',
  DT_UINT32: 'uint32',
  DT_UINT64: 'uint64',
  DT_BOOL: 'bool',
  DT_STRING: 'string',
};

/** A TF DataType name (`DT_FLOAT`) or a TF.js dtype (`float32`) as a Presage dtype; undefined when unknown. */
export function dtypeOf(name: string | undefined): DType | undefined {
  if (name === undefined) return undefined;
  if (name in TF_DTYPES) return TF_DTYPES[name];
  const tfjs: Record<string, DType> = { float32: 'float32', int32: 'int32', bool: 'bool', string: 'string' };
  return tfjs[name];
}

/** A SignatureDef tensor as in model.json: `{name: 'x:0', dtype: 'DT_FLOAT', tensorShape: {dim: [{size: '-1'}]}}`. */
interface SignatureTensor {
  name?: string;
  dtype?: string;
  tensorShape?: { dim?: { size?: string | number }[]; unknownRank?: boolean };
}

export interface SignatureDef {
  inputs?: Record<string, SignatureTensor>;
  outputs?: Record<string, SignatureTensor>;
}

/** The signature's tensors as Presage specs, named by alias, in the order the SignatureDef lists them. */
export function specsOfSignatureDef(def: SignatureDef, where: string): ModelSignature {
  const specs = (entries: Record<string, SignatureTensor> | undefined, kind: string): TensorSpec[] =>
    Object.entries(entries ?? {}).map(([alias, info]) => ({
      name: alias,
      dtype: requireDtype(info.dtype, `${kind} '${alias}'`, where),
      shape: info.tensorShape?.unknownRank ? [-1] : (info.tensorShape?.dim ?? []).map((d) => dimOf(d.size)),
    }));
  return { inputs: specs(def.inputs, 'input'), outputs: specs(def.outputs, 'output') };
}

/** Specs from TF.js' own tensor info (layers models, graph models without a signature). */
export function specOfTensorInfo(
  name: string,
  dtype: string | undefined,
  shape: readonly (number | null)[] | undefined,
  where: string,
): TensorSpec {
  return {
    name,
    dtype: requireDtype(dtype, `'${name}'`, where),
    shape: (shape ?? [-1]).map((d) => dimOf(d ?? undefined)),
  };
}

function dimOf(size: string | number | undefined): number {
  const n = Number(size ?? -1);
  return Number.isInteger(n) && n >= 0 ? n : -1;
}

function requireDtype(name: string | undefined, what: string, where: string): DType {
  const dtype = dtypeOf(name);
  if (!dtype) {
    throw new ModelLoadError(
      `${where}: ${what} has dtype ${name ?? '(none)'}, which Presage cannot feed to TensorFlow.js; ` +
        `it handles ${Object.keys(TF_DTYPES).join(', ')}`,
    );
  }
  return dtype;
}

/**
 * The SignatureDef called `name` in a model.json: tensorflowjs_converter writes the one it converted as
 * `signature` (or `userDefinedMetadata.signature`); a `signatures` map (name → SignatureDef) may hold more.
 * Undefined when the file has none (the graph's own input and output nodes are used then).
 */
export function pickSignatureDef(
  json: { signature?: unknown; userDefinedMetadata?: Record<string, unknown>; [key: string]: unknown },
  name: string,
  where: string,
): SignatureDef | undefined {
  const named: Record<string, SignatureDef> = {
    ...(isObject(json['signatures']) ? (json['signatures'] as Record<string, SignatureDef>) : {}),
    ...(isObject(json.userDefinedMetadata?.['signatures'])
      ? (json.userDefinedMetadata['signatures'] as Record<string, SignatureDef>)
      : {}),
  };
  const single = json.userDefinedMetadata?.['signature'] ?? json.signature;
  if (isObject(single) && !(DEFAULT_SIGNATURE in named)) named[DEFAULT_SIGNATURE] = single;
  if (Object.keys(named).length === 0) {
    if (name === DEFAULT_SIGNATURE) return undefined;
    throw new ModelLoadError(
      `${where} has no signatures, so signature "${name}" cannot be served: leave signatureName unset, or ` +
        `convert the model with \`tensorflowjs_converter --signature_name ${name}\``,
    );
  }
  const def = named[name];
  if (!def) {
    throw new ModelLoadError(
      `${where} has no signature "${name}"; it has: ${Object.keys(named).join(', ')}. ` +
        `tensorflowjs_converter keeps one signature: convert with \`--signature_name ${name}\` to serve it.`,
    );
  }
  return def;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
