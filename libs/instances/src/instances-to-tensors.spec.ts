import type { TensorSpec } from '@presage/runtimes';
import { InstancesError } from './instances-error';
import { instancesToTensors } from './instances-to-tensors';

const x: TensorSpec = { name: 'x', dtype: 'float32', shape: [-1, 4] };
const a: TensorSpec = { name: 'a', dtype: 'float32', shape: [-1, 2] };
const b: TensorSpec = { name: 'b', dtype: 'int64', shape: [-1] };

function errorOf(run: () => unknown): InstancesError {
  try {
    run();
  } catch (error) {
    if (error instanceof InstancesError) return error;
    throw error;
  }
  throw new Error('expected an InstancesError');
}

describe('instancesToTensors', () => {
  describe('single-input models', () => {
    it('stacks one list per instance along a dynamic batch dimension', () => {
      const { feeds, batchSize, passThrough } = instancesToTensors(
        [
          [1, 2, 3, 4],
          [5, 6, 7, 8],
        ],
        [x],
      );
      expect(batchSize).toBe(2);
      expect(feeds['x']).toEqual({
        dtype: 'float32',
        shape: [2, 4],
        data: new Float32Array([1, 2, 3, 4, 5, 6, 7, 8]),
      });
      expect(passThrough).toEqual([undefined, undefined]);
    });

    it('takes scalars per instance for a [N] input', () => {
      const { feeds } = instancesToTensors([1.5, 2.5, 3.5], [{ name: 's', dtype: 'float64', shape: [-1] }]);
      expect(feeds['s']).toEqual({ dtype: 'float64', shape: [3], data: new Float64Array([1.5, 2.5, 3.5]) });
    });

    it('takes nested lists for higher-rank inputs', () => {
      const image: TensorSpec = { name: 'image', dtype: 'uint8', shape: [-1, 2, 2, 3] };
      const pixel = [1, 2, 3];
      const { feeds } = instancesToTensors(
        [
          [
            [pixel, pixel],
            [pixel, pixel],
          ],
        ],
        [image],
      );
      expect(feeds['image']!.shape).toEqual([1, 2, 2, 3]);
      expect(Array.from(feeds['image']!.data as Uint8Array)).toEqual([1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3]);
    });

    it('accepts an object keyed by the input name, passing other keys through', () => {
      const { feeds, passThrough } = instancesToTensors([{ x: [1, 2, 3, 4], key: 'k1' }, [5, 6, 7, 8]], [x]);
      expect(feeds['x']!.shape).toEqual([2, 4]);
      expect(passThrough).toEqual([{ key: 'k1' }, undefined]);
    });

    it('sizes dynamic inner dimensions from instance 0', () => {
      const seq: TensorSpec = { name: 'seq', dtype: 'int32', shape: [-1, -1] };
      const { feeds } = instancesToTensors(
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        [seq],
      );
      expect(feeds['seq']).toEqual({
        dtype: 'int32',
        shape: [2, 3],
        data: new Int32Array([1, 2, 3, 4, 5, 6]),
      });
    });

    it('rejects instances whose dynamic inner dimension differs from instance 0', () => {
      const seq: TensorSpec = { name: 'seq', dtype: 'int32', shape: [-1, -1] };
      expect(
        errorOf(() =>
          instancesToTensors(
            [
              [1, 2, 3],
              [4, 5],
            ],
            [seq],
          ),
        ).message,
      ).toBe(
        "Failed to process element: 1 of 'instances' list. Error: input 'seq' expects shape [3] per instance, got [2]; every instance must have the shape of instance 0",
      );
    });

    it('accepts a fixed batch dimension equal to the instance count and rejects another count', () => {
      const fixed: TensorSpec = { name: 'x', dtype: 'float32', shape: [1, 2] };
      expect(instancesToTensors([[1, 2]], [fixed]).feeds['x']!.shape).toEqual([1, 2]);
      expect(
        errorOf(() =>
          instancesToTensors(
            [
              [1, 2],
              [3, 4],
            ],
            [fixed],
          ),
        ).message,
      ).toBe("the model takes exactly 1 instance(s) per request (input 'x' has shape [1, 2]), got 2");
    });

    it('feeds a rank-0 input from a single instance only', () => {
      const scalar: TensorSpec = { name: 't', dtype: 'float32', shape: [] };
      expect(instancesToTensors([0.5], [scalar]).feeds['t']).toEqual({
        dtype: 'float32',
        shape: [],
        data: new Float32Array([0.5]),
      });
      expect(errorOf(() => instancesToTensors([0.5, 1], [scalar])).message).toBe(
        "input 't' is a single value: the model takes 1 instance per request, got 2",
      );
    });
  });

  describe('multi-input models', () => {
    it('takes objects keyed by input name and passes other keys through', () => {
      const { feeds, passThrough } = instancesToTensors(
        [
          { a: [1, 2], b: 3 },
          { a: [4, 5], b: 6, key: 7 },
        ],
        [a, b],
      );
      expect(feeds['a']).toEqual({ dtype: 'float32', shape: [2, 2], data: new Float32Array([1, 2, 4, 5]) });
      expect(feeds['b']).toEqual({ dtype: 'int64', shape: [2], data: new BigInt64Array([3n, 6n]) });
      expect(passThrough).toEqual([undefined, { key: 7 }]);
    });

    it('names the missing input and lists the expected ones', () => {
      expect(errorOf(() => instancesToTensors([{ a: [1, 2], b: 3 }, { a: [1, 2] }], [a, b])).message).toBe(
        "Failed to process element: 1 of 'instances' list. Error: missing input 'b'; the model's inputs are 'a' (float32 [?, 2]), 'b' (int64 [?])",
      );
    });

    it('rejects a non-object instance, listing the inputs', () => {
      const error = errorOf(() => instancesToTensors([[1, 2]], [a, b]));
      expect(error.instanceIndex).toBe(0);
      expect(error.message).toBe(
        "Failed to process element: 0 of 'instances' list. Error: the model has 2 inputs: each instance must be an object keyed by input name ('a' (float32 [?, 2]), 'b' (int64 [?])), got a list",
      );
    });
  });

  describe('dtype conversion', () => {
    const cases: [TensorSpec['dtype'], unknown[], unknown][] = [
      ['float32', [0.5, -2], new Float32Array([0.5, -2])],
      ['float64', [0.1, 1e300], new Float64Array([0.1, 1e300])],
      ['int32', [-2147483648, 2147483647], new Int32Array([-2147483648, 2147483647])],
      [
        'int64',
        [9007199254740991, -9007199254740991],
        new BigInt64Array([9007199254740991n, -9007199254740991n]),
      ],
      ['uint8', [0, 255], new Uint8Array([0, 255])],
      ['int8', [-128, 127], new Int8Array([-128, 127])],
      ['uint64', [0, 5], new BigUint64Array([0n, 5n])],
      ['bool', [true, false], new Uint8Array([1, 0])],
      ['string', ['cat', { b64: Buffer.from('dög').toString('base64') }], ['cat', 'dög']],
    ];
    it.each(cases)('converts %s', (dtype, instances, data) => {
      const { feeds } = instancesToTensors(instances, [{ name: 'v', dtype, shape: [-1] }]);
      expect(feeds['v']).toEqual({ dtype, shape: [2], data });
    });

    it('decodes a whole-input {"b64"} for a uint8 input into its bytes', () => {
      const bytes = { b64: Buffer.from([0, 1, 254]).toString('base64') };
      const { feeds } = instancesToTensors([bytes], [{ name: 'raw', dtype: 'uint8', shape: [-1, -1] }]);
      expect(feeds['raw']).toEqual({ dtype: 'uint8', shape: [1, 3], data: new Uint8Array([0, 1, 254]) });
    });

    const errors: [TensorSpec['dtype'], unknown, string][] = [
      ['float32', 'a', 'at v[0]: expected a number (float32), got string "a"'],
      ['float32', true, 'at v[0]: expected a number (float32), got boolean true'],
      ['float32', { b64: 'AA==' }, 'at v[0]: expected a number (float32), got a {"b64"} value'],
      ['int32', 1.5, 'at v[0]: expected an integer (int32), got 1.5'],
      ['int32', 2147483648, 'at v[0]: 2147483648 is out of the int32 range [-2147483648, 2147483647]'],
      ['uint8', 256, 'at v[0]: 256 is out of the uint8 range [0, 255]'],
      ['uint8', -1, 'at v[0]: -1 is out of the uint8 range [0, 255]'],
      ['int64', 0.5, 'at v[0]: expected an integer (int64), got 0.5'],
      [
        'int64',
        2 ** 53,
        'at v[0]: 9007199254740992 is beyond ±2^53-1, where JSON numbers lose precision; int64 values must be safe integers',
      ],
      ['int64', '5', 'at v[0]: expected an integer (int64), got string "5"'],
      ['uint64', -1, 'at v[0]: -1 is negative; uint64 values must be ≥ 0'],
      ['bool', 1, 'at v[0]: expected true or false (bool), got number 1'],
      ['string', 5, 'at v[0]: expected a string or {"b64": "..."} (string), got number 5'],
    ];
    it.each(errors)(
      'rejects a wrong %s value %j, naming the instance and the element',
      (dtype, bad, problem) => {
        const spec: TensorSpec = { name: 'v', dtype, shape: [-1, 2] };
        const good = dtype === 'string' ? 'x' : dtype === 'bool' ? false : 1;
        const error = errorOf(() =>
          instancesToTensors(
            [
              [good, good],
              [good, good],
              [bad, bad],
            ],
            [spec],
          ),
        );
        expect(error.instanceIndex).toBe(2);
        expect(error.message).toBe(`Failed to process element: 2 of 'instances' list. Error: ${problem}`);
      },
    );

    it('rejects a {"b64"} that is not base64', () => {
      expect(
        errorOf(() =>
          instancesToTensors([{ b64: 'not base64!' }], [{ name: 's', dtype: 'string', shape: [-1] }]),
        ).message,
      ).toBe(
        `Failed to process element: 0 of 'instances' list. Error: at s: {"b64": ...} must hold a base64 string, got "not base64!"`,
      );
    });

    it('refuses float16 inputs with a way out', () => {
      expect(
        errorOf(() => instancesToTensors([1], [{ name: 'h', dtype: 'float16', shape: [-1] }])).message,
      ).toBe("input 'h' is float16, which JSON instances cannot feed yet; export it as float32");
    });
  });

  describe('shape and structure errors', () => {
    const bad: [string, unknown[], string][] = [
      [
        'a short list',
        [
          [1, 2, 3, 4],
          [1, 2, 3],
        ],
        "input 'x' expects shape [4] per instance, got [3]",
      ],
      [
        'a scalar for a list',
        [[1, 2, 3, 4], 5],
        "input 'x' expects shape [4] per instance, got [] (a single value)",
      ],
      [
        'an extra nesting level',
        [[1, 2, 3, 4], [[1, 2, 3, 4]]],
        "input 'x' expects shape [4] per instance, got [1, 4]",
      ],
      [
        'mixed numbers and strings',
        [
          [1, 2, 3, 4],
          [1, '2', 3, 4],
        ],
        'mixed types in a list at x: item 0 is a number, item 1 is a string ("2"); a list holds items of one type',
      ],
      [
        'mixed lists and numbers',
        [
          [1, 2, 3, 4],
          [[1], 2, 3, 4],
        ],
        'mixed types in a list at x: item 0 is a list, item 1 is a number (2); a list holds items of one type',
      ],
      [
        'a null',
        [
          [1, 2, 3, 4],
          [1, null, 3, 4],
        ],
        'null at x[1]; values must be numbers, strings, booleans or lists',
      ],
      [
        'a nested object',
        [
          [1, 2, 3, 4],
          [{ v: 1 }, 2, 3, 4],
        ],
        'unexpected object at x[0] ({"v":1}); inside an instance only {"b64": "..."} objects are allowed',
      ],
      [
        'an object without the input',
        [[1, 2, 3, 4], { y: [1, 2, 3, 4] }],
        "missing input 'x'; the model's inputs are 'x' (float32 [?, 4])",
      ],
    ];
    it.each(bad)('rejects %s, naming instance 1', (_what, instances, problem) => {
      const error = errorOf(() => instancesToTensors(instances, [x]));
      expect(error.instanceIndex).toBe(1);
      expect(error.message).toBe(`Failed to process element: 1 of 'instances' list. Error: ${problem}`);
    });

    it('rejects ragged nested lists', () => {
      const m: TensorSpec = { name: 'm', dtype: 'float32', shape: [-1, 2, 2] };
      expect(errorOf(() => instancesToTensors([[[1, 2], [3]]], [m])).message).toBe(
        "Failed to process element: 0 of 'instances' list. Error: ragged list at m: item 0 has shape [2], item 1 has shape [1]",
      );
    });

    it.each([
      [{ x: 1 }, '"instances" must be a list, got an object ({"x":1})'],
      ['abc', '"instances" must be a list, got string "abc"'],
      [null, '"instances" must be a list, got null'],
      [[], '"instances" must not be empty'],
    ])('rejects instances = %j', (instances, message) => {
      const error = errorOf(() => instancesToTensors(instances, [x]));
      expect(error.instanceIndex).toBeUndefined();
      expect(error.message).toBe(message);
    });
  });
});
