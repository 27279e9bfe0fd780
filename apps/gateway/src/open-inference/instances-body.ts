import { float32Json } from '@presage/instances';
import type { DatatypeInfo } from './datatypes';
import { datatypeOfDtype, invalid } from './datatypes';
import type { InputTensor } from './input-tensors';
import { elementCount } from './input-tensors';

/** An input or output of a version's signature, shape with -1 for variable dimensions. */
export interface SignatureTensor {
  name: string;
  dtype: string;
  shape: number[];
}

/** Inputs checked against the signature and ordered as it lists them, with the request's batch size. */
export interface CheckedInputs {
  inputs: InputTensor[];
  batchSize: number;
}

/**
 * Checks the request's inputs against the version's signature: every input named once and known,
 * the signature's datatype, its rank and fixed dimensions, as many values as the shape holds, and one
 * batch size (the first dimension) for all. Everything wrong is INVALID_ARGUMENT naming the input.
 */
export function checkInputs(
  inputs: readonly InputTensor[],
  specs: readonly SignatureTensor[],
): CheckedInputs {
  const byName = new Map<string, InputTensor>();
  for (const input of inputs) {
    if (byName.has(input.name)) throw invalid(`input '${input.name}' is given twice`);
    if (!specs.some((spec) => spec.name === input.name)) {
      throw invalid(`unknown input '${input.name}'; the model's inputs are ${listTensors(specs)}`);
    }
    byName.set(input.name, input);
  }
  let batchSize: number | undefined;
  const ordered = specs.map((spec) => {
    const input = byName.get(spec.name);
    if (!input) throw invalid(`missing input '${spec.name}'; the model's inputs are ${listTensors(specs)}`);
    checkInput(input, spec);
    const batch = spec.shape.length === 0 ? 1 : input.shape[0]!;
    if (batchSize !== undefined && batch !== batchSize) {
      throw invalid(
        `input '${spec.name}' has ${batch} rows (its first dimension), other inputs ${batchSize}; every input carries the same batch`,
      );
    }
    batchSize = batch;
    return input;
  });
  if (batchSize === undefined || batchSize < 1) {
    throw invalid('the request holds no rows: the first dimension of the inputs must be at least 1');
  }
  return { inputs: ordered, batchSize };
}

function checkInput(input: InputTensor, spec: SignatureTensor): void {
  const expected = datatypeOfDtype(spec.dtype);
  if (input.info.datatype !== expected) {
    throw invalid(`input '${input.name}' has datatype ${input.info.datatype}; the model takes ${expected}`);
  }
  const fits =
    input.shape.length === spec.shape.length &&
    spec.shape.every((dim, k) => dim < 0 || dim === input.shape[k]);
  if (!fits) {
    throw invalid(
      `input '${input.name}' has shape ${showShape(input.shape)}; the model takes ${showShape(spec.shape)} (-1: any size)`,
    );
  }
  const count = elementCount(input.shape);
  if (input.elements.length !== count) {
    throw invalid(
      `input '${input.name}' has shape ${showShape(input.shape)}, which holds ${count} values, but ${input.elements.length} were given`,
    );
  }
}

/**
 * The AI Platform body the predictor takes, `{"instances": [...]}`: one instance per row, the input's
 * value for a single-input model, else an object keyed by input name. Written as text in one pass over
 * the elements, each checked against its datatype on the way.
 */
export function instancesBody({ inputs, batchSize }: CheckedInputs): Buffer {
  const rows = inputs.map((input) => new RowWriter(input));
  const single = rows.length === 1 ? rows[0]! : undefined;
  const keys = inputs.map((input) => JSON.stringify(input.name));
  let text = '{"instances":[';
  for (let row = 0; row < batchSize; row++) {
    if (row > 0) text += ',';
    if (single) {
      text += single.row(row);
      continue;
    }
    text += '{';
    for (let k = 0; k < rows.length; k++) text += `${k > 0 ? ',' : ''}${keys[k]}:${rows[k]!.row(row)}`;
    text += '}';
  }
  return Buffer.from(`${text}]}`);
}

/** Writes one input's rows as nested JSON lists. */
class RowWriter {
  private readonly rowShape: number[];
  private readonly rowSize: number;
  private readonly write: (value: unknown) => string | undefined;
  private next = 0;

  constructor(private readonly input: InputTensor) {
    this.rowShape = input.shape.slice(1);
    this.rowSize = input.shape.length === 0 ? 1 : elementCount(this.rowShape);
    this.write = elementWriter(input.info);
  }

  row(row: number): string {
    this.next = row * this.rowSize;
    return this.input.shape.length === 0 ? this.element() : this.nest(0);
  }

  private nest(axis: number): string {
    if (axis === this.rowShape.length) return this.element();
    const size = this.rowShape[axis]!;
    let text = '[';
    for (let k = 0; k < size; k++) text += k > 0 ? `,${this.nest(axis + 1)}` : this.nest(axis + 1);
    return `${text}]`;
  }

  private element(): string {
    const index = this.next++;
    const value = this.input.elements[index];
    const text = this.write(value);
    if (text === undefined) throw badElement(this.input, index, value);
    return text;
  }
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The JSON text of one element, or undefined when it does not fit the datatype. */
function elementWriter(info: DatatypeInfo): (value: unknown) => string | undefined {
  switch (info.datatype) {
    case 'FP32':
      return (value) =>
        typeof value === 'number' && Number.isFinite(value)
          ? String(Math.fround(value) === value ? float32Json(value) : value)
          : undefined;
    case 'FP64':
      return (value) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined);
    case 'INT64':
    case 'UINT64': {
      const unsigned = info.datatype === 'UINT64';
      return (value) => {
        const number =
          typeof value === 'bigint' ? bigToSafe(value) : typeof value === 'string' ? decimal(value) : value;
        if (typeof number !== 'number' || !Number.isSafeInteger(number) || (unsigned && number < 0))
          return undefined;
        return String(number);
      };
    }
    case 'BOOL':
      return (value) =>
        typeof value === 'boolean' || value === 0 || value === 1 ? (value ? 'true' : 'false') : undefined;
    case 'BYTES':
      return (value) =>
        typeof value === 'string'
          ? JSON.stringify(value)
          : value instanceof Uint8Array
            ? `{"b64":"${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64')}"}`
            : undefined;
    default: {
      const [min, max] = info.range!;
      return (value) =>
        typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
          ? String(value)
          : undefined;
    }
  }
}

function bigToSafe(value: bigint): number | undefined {
  return value <= MAX_SAFE && value >= -MAX_SAFE ? Number(value) : undefined;
}

function decimal(value: string): number | undefined {
  return /^-?\d{1,16}$/.test(value) ? Number(value) : undefined;
}

function badElement(input: InputTensor, index: number, value: unknown): Error {
  const { datatype } = input.info;
  const shown =
    typeof value === 'bigint' ? `${value}` : value instanceof Uint8Array ? 'bytes' : JSON.stringify(value);
  const hint =
    datatype === 'INT64' || datatype === 'UINT64'
      ? ' (Presage predictors take 64-bit integers within ±2^53-1)'
      : datatype === 'FP32' || datatype === 'FP64'
        ? ' (a finite number)'
        : '';
  return invalid(
    `input '${input.name}' element ${index} is ${shown ?? String(value)}, not a ${datatype} value${hint}`,
  );
}

export function showShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

export function listTensors(specs: readonly SignatureTensor[]): string {
  return specs
    .map((spec) => `'${spec.name}' (${datatypeOfDtype(spec.dtype)} ${showShape(spec.shape)})`)
    .join(', ');
}
