import type { TensorSpec } from '@presage/runtimes';
import { instancesToTensors } from './instances-to-tensors';
import { batchKey, mergeInstances } from './merge-instances';

const inputs: TensorSpec[] = [
  { name: 'x', dtype: 'float32', shape: [-1, 2] },
  { name: 'id', dtype: 'int64', shape: [-1] },
  { name: 'text', dtype: 'string', shape: [-1] },
];

describe('mergeInstances', () => {
  it('stacks requests converted apart, as if converted together, keeping their order and keys', () => {
    const a = [{ x: [1, 2], id: 7, text: 'a', key: 'first' }];
    const b = [
      { x: [3, 4], id: 8, text: 'b' },
      { x: [5, 6], id: 9, text: 'c', key: 3 },
    ];
    const merged = mergeInstances([instancesToTensors(a, inputs), instancesToTensors(b, inputs)]);
    expect(merged).toEqual(instancesToTensors([...a, ...b], inputs));
    expect(merged.feeds['x']!.data).toBeInstanceOf(Float32Array);
    expect(merged.feeds['id']!.data).toEqual(new BigInt64Array([7n, 8n, 9n]));
  });

  it('gives requests whose instances differ in shape different keys', () => {
    const dynamic: TensorSpec[] = [{ name: 'seq', dtype: 'float32', shape: [-1, -1] }];
    const short = instancesToTensors([[1, 2]], dynamic);
    const long = instancesToTensors([[1, 2, 3]], dynamic);
    expect(batchKey(short)).not.toBe(batchKey(long));
    expect(batchKey(short)).toBe(batchKey(instancesToTensors([[5, 6]], dynamic)));
  });
});
