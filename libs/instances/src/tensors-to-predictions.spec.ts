import type { Tensor, TensorSpec } from '@presage/runtimes';
import { float32Json, tensorsToPredictions } from './tensors-to-predictions';

const spec = (name: string, dtype: TensorSpec['dtype'], shape: number[]): TensorSpec => ({
  name,
  dtype,
  shape,
});

describe('tensorsToPredictions', () => {
  it('gives one output as its value per instance, nested by shape', () => {
    const y: Tensor = {
      dtype: 'float32',
      shape: [2, 2, 2],
      data: new Float32Array([1, 2, 3, 4, 5, 6, 7, 8]),
    };
    expect(tensorsToPredictions({ y }, [spec('y', 'float32', [-1, 2, 2])], 2)).toEqual([
      [
        [1, 2],
        [3, 4],
      ],
      [
        [5, 6],
        [7, 8],
      ],
    ]);
  });

  it('gives scalars for a [N] output', () => {
    const y: Tensor = { dtype: 'float64', shape: [3], data: new Float64Array([0.1, 0.2, 0.3]) };
    expect(tensorsToPredictions({ y }, [spec('y', 'float64', [-1])], 3)).toEqual([0.1, 0.2, 0.3]);
  });

  it('keys several outputs by name, in signature order, with pass-through keys', () => {
    const outputs: Record<string, Tensor> = {
      label: { dtype: 'int64', shape: [2], data: new BigInt64Array([1n, 2n]) },
      scores: { dtype: 'float32', shape: [2, 2], data: new Float32Array([0.25, 0.75, 0.5, 0.5]) },
    };
    const specs = [spec('label', 'int64', [-1]), spec('scores', 'float32', [-1, 2])];
    expect(tensorsToPredictions(outputs, specs, 2, [undefined, { key: 'b' }])).toEqual([
      { label: 1, scores: [0.25, 0.75] },
      { key: 'b', label: 2, scores: [0.5, 0.5] },
    ]);
  });

  it('wraps a single output in an object when the instance had pass-through keys', () => {
    const y: Tensor = { dtype: 'int32', shape: [1], data: new Int32Array([4]) };
    expect(tensorsToPredictions({ y }, [spec('y', 'int32', [-1])], 1, [{ key: 9 }])).toEqual([
      { key: 9, y: 4 },
    ]);
  });

  it('gives int64 as numbers when safe and as decimal strings beyond 2^53', () => {
    const ids: Tensor = {
      dtype: 'int64',
      shape: [3],
      data: new BigInt64Array([-5n, 2n ** 53n - 1n, 2n ** 60n]),
    };
    expect(tensorsToPredictions({ ids }, [spec('ids', 'int64', [-1])], 3)).toEqual([
      -5,
      9007199254740991,
      '1152921504606846976',
    ]);
  });

  it('gives bools, strings, and {"b64"} for *_bytes string outputs', () => {
    const outputs: Record<string, Tensor> = {
      ok: { dtype: 'bool', shape: [2], data: new Uint8Array([1, 0]) },
      word: { dtype: 'string', shape: [2], data: ['cat', 'dog'] },
      image_bytes: { dtype: 'string', shape: [2], data: ['hi', ''] },
    };
    const specs = [
      spec('ok', 'bool', [-1]),
      spec('word', 'string', [-1]),
      spec('image_bytes', 'string', [-1]),
    ];
    expect(tensorsToPredictions(outputs, specs, 2)).toEqual([
      { ok: true, word: 'cat', image_bytes: { b64: 'aGk=' } },
      { ok: false, word: 'dog', image_bytes: { b64: '' } },
    ]);
  });

  it('writes float32 results as their shortest decimal and non-finite values as names', () => {
    const y: Tensor = {
      dtype: 'float32',
      shape: [1, 4],
      data: new Float32Array([0.1, 1 / 3, NaN, -Infinity]),
    };
    expect(tensorsToPredictions({ y }, [spec('y', 'float32', [-1, 4])], 1)).toEqual([
      [0.1, 0.33333334, 'NaN', '-Infinity'],
    ]);
  });

  it('decodes float16 outputs', () => {
    const h: Tensor = { dtype: 'float16', shape: [3], data: new Uint16Array([0x3c00, 0xc000, 0x3555]) };
    expect(tensorsToPredictions({ h }, [spec('h', 'float16', [-1])], 3)).toEqual([1, -2, 0.33325195]);
  });

  it('fails when an output lacks the batch dimension', () => {
    const y: Tensor = { dtype: 'float32', shape: [3], data: new Float32Array(3) };
    expect(() => tensorsToPredictions({ y }, [spec('y', 'float32', [3])], 2)).toThrow(
      "output 'y' has shape [3], whose first dimension is not the batch size 2",
    );
  });

  it('fails when an output is missing', () => {
    expect(() => tensorsToPredictions({}, [spec('y', 'float32', [-1])], 1)).toThrow(
      "the model returned no output 'y'",
    );
  });
});

describe('float32Json', () => {
  it('round-trips every float32 it is given', () => {
    const values = new Float32Array([
      0.1, 0.2, 3.4028234663852886e38, 1.401298464324817e-45, -7.25, 16777217, 0.7250000238418579,
    ]);
    for (const value of values) expect(Math.fround(float32Json(value) as number)).toBe(value);
    expect(float32Json(Math.fround(0.725))).toBe(0.725);
  });
});
