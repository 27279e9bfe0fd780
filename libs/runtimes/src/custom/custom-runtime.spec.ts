import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { detectRuntime } from '../default-runtimes';
import { ModelLoadError, ModelRunError } from '../model-runtime';
import { createCustomRuntime } from './custom-runtime';

const SCALER = `
const fs = require('node:fs');
const path = require('node:path');
class Scaler {
  constructor(factor) { this.factor = factor; }
  static async load(artifactDir) {
    const { factor } = JSON.parse(fs.readFileSync(path.join(artifactDir, 'weights.json'), 'utf8'));
    return new Scaler(factor);
  }
  predict(instances, options) {
    if (options.fail) throw new Error('asked to fail');
    if (options.wrongLength) return instances.slice(1);
    if (options.notList) return { nope: true };
    return instances.map((x) => ({ value: x * this.factor, options }));
  }
}
module.exports = { Scaler, helper: () => 1 };
`;

let root: string;
let artifacts: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'presage-custom-'));
  artifacts = join(root, 'artifacts');
  await mkdir(artifacts);
  await writeFile(join(artifacts, 'weights.json'), '{"factor": 3}');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

let count = 0;
/** A fresh package dir holding `files` (fresh, so require's cache never hands back an older module). */
async function pkg(files: Record<string, string>): Promise<string> {
  const dir = join(root, `pkg-${count++}`);
  for (const [file, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), content);
  }
  return dir;
}

const runtime = createCustomRuntime();

describe('custom prediction routines', () => {
  it('is chosen by predictionClass whatever the artifact files', async () => {
    expect(await detectRuntime(artifacts, { predictionClass: 'predictor.js#Predictor' })).toBe('custom');
  });

  it('loads the class from a package, which reads its artifacts, and predicts JSON instances', async () => {
    const dir = await pkg({ 'lib/scaler.cjs': SCALER });
    const model = await runtime.load(artifacts, {
      predictionClass: 'lib/scaler.cjs#Scaler',
      packageDirs: [dir],
    });
    try {
      expect(model.runtime).toBe('custom');
      expect(model.signature).toEqual({ inputs: [], outputs: [] });
      expect(await model.predictInstances!([1, 2], { signature_name: 's' })).toEqual([
        { value: 3, options: { signature_name: 's' } },
        { value: 6, options: { signature_name: 's' } },
      ]);
      await expect(model.run({})).rejects.toBeInstanceOf(ModelRunError);
    } finally {
      await model.close();
    }
  });

  it('finds the module in any of the package dirs, and a module.exports that is the class itself', async () => {
    const first = await pkg({ 'other.js': 'module.exports = {};' });
    const second = await pkg({
      'predictor.js': `module.exports = class Predictor {
        static load() { return new Predictor(); }
        async predict(instances) { return instances.map(() => 'ok'); }
      };`,
    });
    const model = await runtime.load(artifacts, {
      predictionClass: 'predictor.js#Predictor',
      packageDirs: [first, second],
    });
    expect(await model.predictInstances!([{ a: 1 }], {})).toEqual(['ok']);
  });

  it('turns an error of predict and a wrong answer into ModelRunErrors that say what to fix', async () => {
    const dir = await pkg({ 'scaler.js': SCALER });
    const model = await runtime.load(artifacts, { predictionClass: 'scaler.js#Scaler', packageDirs: [dir] });
    const failure = model.predictInstances!([1], { fail: true });
    await expect(failure).rejects.toBeInstanceOf(ModelRunError);
    await expect(failure).rejects.toThrow('asked to fail');
    await expect(model.predictInstances!([1, 2], { wrongLength: true })).rejects.toThrow(
      'Scaler.predict returned 1 predictions for 2 instances; it must return one prediction per instance',
    );
    await expect(model.predictInstances!([1], { notList: true })).rejects.toThrow(
      'Scaler.predict returned a object; it must return a list with one prediction per instance.',
    );
    expect(await model.predictInstances!([1], {})).toEqual([{ value: 3, options: {} }]);
  });

  it.each([
    [
      'a missing module, listing the package files',
      { 'lib/a.js': '', 'b.cjs': '', 'README.md': '' },
      'predictor.js#Predictor',
      /^Module predictor\.js of predictionClass "predictor\.js#Predictor" is not in the packages: the packages hold b\.cjs, lib\/a\.js\. Set predictionClass to "<file>#Predictor"/,
    ],
    [
      'a module outside the package',
      { 'a.js': '' },
      '../a.js#Predictor',
      /is not in the packages: the packages hold a\.js/,
    ],
    [
      'a class the module does not export, listing its exports',
      { 'scaler.js': SCALER },
      'scaler.js#Predictor',
      /^scaler\.js does not export a class Predictor: its exports are Scaler, helper\. Export it/,
    ],
    [
      'a class without a static load',
      { 'p.js': 'exports.P = class P { predict() { return []; } };' },
      'p.js#P',
      /^P in p\.js has no static load\(artifactDir\): add "static async load\(artifactDir\)/,
    ],
    [
      'a load that throws',
      { 'p.js': 'exports.P = class P { static async load(d) { throw new Error("no weights in " + d); } };' },
      'p.js#P',
      /^P\.load\(artifactDir\) failed: no weights in .*artifacts\. Fix the routine or the files in deploymentUri/,
    ],
    [
      'a load that returns no predictor',
      { 'p.js': 'exports.P = class P { static load() { return 42; } };' },
      'p.js#P',
      /^P\.load\(artifactDir\) returned a number, not an object with a predict\(instances, options\) method/,
    ],
    [
      'a module that does not compile',
      { 'p.js': 'this is not javascript' },
      'p.js#P',
      /^Cannot load .*p\.js: /,
    ],
    [
      'a malformed predictionClass',
      { 'p.js': '' },
      'p.P',
      /^predictionClass "p\.P" is not "module#ClassName"/,
    ],
  ])('refuses %s with a ModelLoadError saying what to do', async (_, files, predictionClass, message) => {
    const dir = await pkg(files);
    const failure = runtime.load(artifacts, { predictionClass, packageDirs: [dir] });
    await expect(failure).rejects.toBeInstanceOf(ModelLoadError);
    await expect(failure).rejects.toThrow(message);
  });

  it('says packageUris are needed when there are none', async () => {
    await expect(runtime.load(artifacts, { predictionClass: 'p.js#P', packageDirs: [] })).rejects.toThrow(
      /the version has no packageUris\. Set packageUris/,
    );
  });
});
