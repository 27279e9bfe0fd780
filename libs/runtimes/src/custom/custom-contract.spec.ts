import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeRuntimeContract } from '../runtime-contract';
import { createCustomRuntime } from './custom-runtime';

/** A routine that scales each instance by a factor it reads from the artifact directory. */
const SCALER = `
const fs = require('node:fs');
const path = require('node:path');
class Scaler {
  constructor(factor) { this.factor = factor; }
  static async load(artifactDir) {
    return new Scaler(JSON.parse(fs.readFileSync(path.join(artifactDir, 'weights.json'), 'utf8')).factor);
  }
  async predict(instances, options) {
    if (options.fail) throw new Error('asked to fail');
    return instances.map((x) => ({ value: x * this.factor, tag: options.tag }));
  }
}
module.exports = { Scaler };
`;

let root: string;
let artifacts: string;
let packageDir: string;

async function setUp(): Promise<void> {
  if (root) return;
  root = await mkdtemp(join(tmpdir(), 'presage-custom-contract-'));
  artifacts = join(root, 'artifacts');
  packageDir = join(root, 'package');
  await mkdir(artifacts);
  await mkdir(packageDir);
  await writeFile(join(artifacts, 'weights.json'), '{"factor": 3}');
  await writeFile(join(packageDir, 'scaler.js'), SCALER);
}

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describeRuntimeContract({
  runtime: createCustomRuntime,
  fixtureNames: ['scaler'],
  async fixture(name) {
    await setUp();
    return {
      name,
      dir: artifacts,
      signature: { inputs: [], outputs: [] },
      loadOptions: { predictionClass: 'scaler.js#Scaler', packageDirs: [packageDir] },
      instances: {
        instances: [1, 2, 3],
        options: { tag: 'contract' },
        check: (predictions) =>
          expect(predictions).toEqual([1, 2, 3].map((x) => ({ value: 3 * x, tag: 'contract' }))),
      },
      failingOptions: { fail: true },
    };
  },
  async brokenLoads() {
    await setUp();
    const empty = join(root, 'empty');
    await mkdir(empty, { recursive: true });
    return [
      {
        label: 'a module that is not in the packages',
        dir: artifacts,
        options: { predictionClass: 'missing.js#Scaler', packageDirs: [packageDir] },
        message: /missing\.js.*scaler\.js/s,
      },
      {
        label: 'a class the module does not export',
        dir: artifacts,
        options: { predictionClass: 'scaler.js#Absent', packageDirs: [packageDir] },
        message: /Absent.*Scaler/s,
      },
      {
        label: 'a load() that throws',
        dir: empty,
        options: { predictionClass: 'scaler.js#Scaler', packageDirs: [packageDir] },
        message: /load\(artifactDir\) failed/,
      },
    ];
  },
});
