import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ModelRuntime } from './model-runtime';
import { ModelLoadError } from './model-runtime';
import { createRuntimeRegistry } from './runtime-registry';
import { detectRuntime } from './default-runtimes';

const fake = (name: string): ModelRuntime => ({ name, load: () => Promise.reject(new Error('not used')) });

describe('runtime registry', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'presage-registry-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const registry = createRuntimeRegistry([
    { name: 'onnx', markers: ['model.onnx'], create: () => fake('onnx') },
    { name: 'tensorflow', markers: ['model.json', 'saved_model.pb'], create: () => fake('tensorflow') },
  ]);

  it('detects the runtime from its marker file, first registration first', async () => {
    await writeFile(join(dir, 'saved_model.pb'), '');
    expect(await registry.detect(dir)).toBe('tensorflow');
    await writeFile(join(dir, 'model.onnx'), '');
    expect(await registry.detect(dir)).toBe('onnx');
  });

  it('lists what it looked for and what the directory holds', async () => {
    await writeFile(join(dir, 'model.pkl'), '');
    await writeFile(join(dir, 'README'), '');
    const failure = registry.detect(dir);
    await expect(failure).rejects.toBeInstanceOf(ModelLoadError);
    await expect(failure).rejects.toThrow(
      `No model.onnx or model.json or saved_model.pb in ${dir}: the directory holds README, model.pkl. ` +
        'Presage looks for: model.onnx (onnx), model.json or saved_model.pb (tensorflow)',
    );
  });

  it('says when the directory is empty or missing', async () => {
    await expect(detectRuntime(dir)).rejects.toThrow(
      `No model.onnx in ${dir}: the directory is empty. Presage looks for: model.onnx (onnx)`,
    );
    await expect(detectRuntime(join(dir, 'nope'))).rejects.toThrow(
      `No model.onnx in ${dir}/nope: the directory does not exist`,
    );
  });

  it('builds each runtime once and lists the valid names for an unknown one', () => {
    expect(registry.get('onnx')).toBe(registry.get('onnx'));
    expect(registry.names()).toEqual(['onnx', 'tensorflow']);
    expect(() => registry.get('xgboost')).toThrow(
      'Unknown model runtime "xgboost"; the runtimes are: onnx, tensorflow',
    );
  });
});
