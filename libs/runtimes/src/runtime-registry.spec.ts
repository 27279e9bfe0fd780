import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadOptions, ModelRuntime } from './model-runtime';
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
    {
      name: 'onnx',
      markers: ['model.onnx'],
      frameworks: ['ONNX', 'SCIKIT_LEARN'],
      create: () => fake('onnx'),
    },
    {
      name: 'tensorflow',
      markers: ['model.json', 'saved_model.pb'],
      frameworks: ['TENSORFLOW'],
      matches: async (d, files) =>
        !files.includes('model.json') ||
        (await readFile(join(d, 'model.json'), 'utf8')).includes('modelTopology'),
      create: () => fake('tensorflow'),
    },
    {
      name: 'xgboost',
      markers: ['model.json'],
      frameworks: ['XGBOOST'],
      matches: async (d) => (await readFile(join(d, 'model.json'), 'utf8')).includes('learner'),
      create: () => fake('xgboost'),
    },
  ]);

  it('serves only the runtimes of a given framework, and says what the framework needs', async () => {
    await writeFile(join(dir, 'model.onnx'), '');
    expect(await registry.detect(dir, { framework: 'SCIKIT_LEARN' })).toBe('onnx');
    expect(await registry.detect(dir, { framework: 'FRAMEWORK_UNSPECIFIED' })).toBe('onnx');
    await expect(registry.detect(dir, { framework: 'TENSORFLOW' })).rejects.toThrow(
      /framework is TENSORFLOW, which needs model.json or saved_model.pb .* \(a onnx model\): set framework to match/,
    );
    await expect(registry.detect(dir, { framework: 'PYTORCH' })).rejects.toThrow(
      /PYTORCH is not supported; Presage serves: ONNX, SCIKIT_LEARN, TENSORFLOW, XGBOOST/,
    );
  });

  it('tells models that share a marker file apart by their content', async () => {
    await writeFile(join(dir, 'model.json'), '{"learner": {}}');
    expect(await registry.detect(dir)).toBe('xgboost');
    await writeFile(join(dir, 'model.json'), '{"modelTopology": {}}');
    expect(await registry.detect(dir)).toBe('tensorflow');
  });

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
        'Presage looks for: model.onnx (onnx), model.json or saved_model.pb (tensorflow), model.json (xgboost)',
    );
  });

  it('says when the directory is empty or missing', async () => {
    // The default runtimes' full listing grows with each runtime: check its parts.
    const empty = detectRuntime(dir);
    await expect(empty).rejects.toThrow(`in ${dir}: the directory is empty. Presage looks for: `);
    await expect(empty).rejects.toThrow(/model\.onnx \(onnx\), model\.json \(xgboost\)/);
    // Neither runtimes chosen only by framework nor formats known only to be refused are advertised.
    await expect(empty).rejects.not.toThrow('(sklearn)');
    await expect(empty).rejects.not.toThrow(/model\.pkl|refused/);
    await expect(detectRuntime(join(dir, 'nope'))).rejects.toThrow(
      `model.onnx in ${dir}/nope: the directory does not exist`,
    );
  });

  it('picks the runtime the options choose, whatever the files, and leaves it out of what it looks for', async () => {
    const withCustom = createRuntimeRegistry([
      ...['onnx', 'custom'].map((name) => ({
        name,
        markers: name === 'onnx' ? ['model.onnx'] : [],
        frameworks: name === 'onnx' ? ['ONNX'] : [],
        chosenBy: name === 'custom' ? (o: LoadOptions) => Boolean(o.predictionClass) : undefined,
        create: () => fake(name),
      })),
    ]);
    await writeFile(join(dir, 'model.onnx'), '');
    expect(await withCustom.detect(dir, { predictionClass: 'predictor.js#Predictor' })).toBe('custom');
    expect(await withCustom.detect(join(dir, 'nope'), { predictionClass: 'p.js#P' })).toBe('custom');
    expect(await withCustom.detect(dir)).toBe('onnx');
    await expect(withCustom.detect(join(dir, 'nope'))).rejects.toThrow(
      /: the directory does not exist\. Presage looks for: model\.onnx \(onnx\)$/,
    );
  });

  it('builds each runtime once and lists the valid names for an unknown one', () => {
    expect(registry.get('onnx')).toBe(registry.get('onnx'));
    expect(registry.names()).toEqual(['onnx', 'tensorflow', 'xgboost']);
    expect(() => registry.get('custom')).toThrow(
      'Unknown model runtime "custom"; the runtimes are: onnx, tensorflow, xgboost',
    );
  });
});
