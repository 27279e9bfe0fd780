import { parseDatatype } from './datatypes';
import { checkInputs, instancesBody } from './instances-body';
import type { InputTensor } from './input-tensors';
import { contentsElements, jsonElements, rawElements } from './input-tensors';
import { outputJson, outputRaw, predictionsToOutputs } from './output-tensors';

const FP32 = parseDatatype('FP32', 'x');
const input = (
  name: string,
  datatype: string,
  shape: number[],
  elements: ArrayLike<unknown>,
): InputTensor => ({
  name,
  info: parseDatatype(datatype, name),
  shape,
  elements,
});

describe('v2 input tensors', () => {
  it('views aligned raw FP32 in place and copies unaligned raw bytes', () => {
    const values = Float32Array.of(1.5, -2, 0.1);
    const aligned = new Uint8Array(values.buffer);
    const view = rawElements(aligned, FP32, 3, 'x') as Float32Array;
    expect(view.buffer).toBe(values.buffer);
    const unaligned = new Uint8Array(13).subarray(1);
    unaligned.set(aligned);
    expect(Array.from(rawElements(unaligned, FP32, 3, 'x') as Float32Array)).toEqual(Array.from(values));
    expect(() => rawElements(aligned, FP32, 4, 'x')).toThrow(/4 FP32 elements \(16 bytes\).*12 bytes/);
  });

  it('splits raw BYTES on 4-byte little-endian lengths and refuses a truncated element', () => {
    const raw = Buffer.from([2, 0, 0, 0, 104, 105, 0, 0, 0, 0]);
    const items = rawElements(raw, parseDatatype('BYTES', 'w'), 2, 'w') as Uint8Array[];
    expect(items.map((item) => Buffer.from(item).toString())).toEqual(['hi', '']);
    expect(() => rawElements(raw.subarray(0, 5), parseDatatype('BYTES', 'w'), 1, 'w')).toThrow(/end inside/);
  });

  it('flattens nested JSON data and refuses values in another datatype’s contents field', () => {
    expect(
      jsonElements(
        [
          [1, 2],
          [3, 4],
        ],
        'x',
      ),
    ).toEqual([1, 2, 3, 4]);
    const flat = [1, 2];
    expect(jsonElements(flat, 'x')).toBe(flat);
    expect(() => contentsElements({ intContents: [1] }, FP32, 'x')).toThrow(
      /fp32_contents, not int_contents/,
    );
  });
});

describe('instances for the predictor', () => {
  const specs = [
    { name: 'a', dtype: 'float32', shape: [-1, 2] },
    { name: 'n', dtype: 'int64', shape: [-1] },
  ];

  it('writes one instance per row, keyed by input name, in the signature order', () => {
    const checked = checkInputs(
      [
        input('n', 'INT64', [2], [BigInt(7), '-3']),
        input('a', 'FP32', [2, 2], Float32Array.of(0.1, 1, 2, 3)),
      ],
      specs,
    );
    expect(JSON.parse(instancesBody(checked).toString())).toEqual({
      instances: [
        { a: [0.1, 1], n: 7 },
        { a: [2, 3], n: -3 },
      ],
    });
  });

  it('refuses rows that disagree, wrong datatypes and 64-bit integers beyond 2^53', () => {
    expect(() =>
      checkInputs([input('a', 'FP32', [2, 2], [1, 2, 3, 4]), input('n', 'INT64', [3], [1, 2, 3])], specs),
    ).toThrow(/same batch/);
    expect(() =>
      checkInputs([input('a', 'FP64', [1, 2], [1, 2]), input('n', 'INT64', [1], [1])], specs),
    ).toThrow(/datatype FP64; the model takes FP32/);
    const big = checkInputs(
      [input('a', 'FP32', [1, 2], [1, 2]), input('n', 'INT64', [1], ['9007199254740993'])],
      specs,
    );
    expect(() => instancesBody(big)).toThrow(/element 0 .*±2\^53-1/);
  });
});

describe('outputs from predictions', () => {
  const specs = [
    { name: 'y', dtype: 'float32', shape: [-1, 2] },
    { name: 'id', dtype: 'int64', shape: [-1] },
  ];
  const predictions = [
    { y: [0.5, 'NaN'], id: '9007199254740993' },
    { y: [1, 2], id: -1 },
  ];

  it('writes REST data with the real datatype, int64 beyond 2^53 as exact JSON numbers', () => {
    const [y, id] = predictionsToOutputs(predictions, specs, specs, 2);
    expect(JSON.parse(outputJson(y!))).toEqual({
      name: 'y',
      datatype: 'FP32',
      shape: [2, 2],
      data: [0.5, 'NaN', 1, 2],
    });
    expect(outputJson(id!)).toBe('{"name":"id","datatype":"INT64","shape":[2],"data":[9007199254740993,-1]}');
  });

  it('encodes raw outputs little-endian', () => {
    const [y, id] = predictionsToOutputs(predictions, specs, specs, 2);
    const raw = outputRaw(y!);
    expect([raw.readFloatLE(0), raw.readFloatLE(4), raw.readFloatLE(12)]).toEqual([0.5, NaN, 2]);
    expect(outputRaw(id!).readBigInt64LE(0)).toBe(9007199254740993n);
  });
});
