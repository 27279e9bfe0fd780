import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { call, startPlatform, waitForOperation } from './platform-harness';
import type { Platform } from './platform-harness';

const MODEL = 'projects/e2e/models/routine';

/** A linear model in CommonJS: weights from the artifact dir, the request's other keys echoed back. */
const LINEAR_CJS = `
const fs = require('node:fs');
const path = require('node:path');
class Predictor {
  constructor(weights, bias) { this.weights = weights; this.bias = bias; }
  static async load(artifactDir) {
    const { weights, bias } = JSON.parse(fs.readFileSync(path.join(artifactDir, 'weights.json'), 'utf8'));
    return new Predictor(weights, bias);
  }
  predict(instances, options) {
    return instances.map((x) => {
      if (!Array.isArray(x)) throw new Error('instance ' + JSON.stringify(x) + ' is not a feature list');
      return { score: x.reduce((sum, v, i) => sum + v * this.weights[i], this.bias), options };
    });
  }
}
module.exports = { Predictor };
`;

/** The same model as an ES module with an async predict, shipped as a tarball. */
const LINEAR_ESM = `
import { readFile } from 'node:fs/promises';
export class Routine {
  static async load(artifactDir) {
    return new Routine(JSON.parse(await readFile(artifactDir + '/weights.json', 'utf8')));
  }
  constructor({ weights, bias }) { this.weights = weights; this.bias = bias; }
  async predict(instances, options) {
    return instances.map((x) => ({ score: x.reduce((s, v, i) => s + v * this.weights[i], this.bias), options }));
  }
}
`;

let platform: Platform;
let artifacts: string;
let routineDir: string;
let tarball: string;

beforeAll(async () => {
  platform = await startPlatform({ demo: false });
  const work = path.join(platform.home, 'inputs');
  artifacts = path.join(work, 'artifacts');
  routineDir = path.join(work, 'routine');
  const esmDir = path.join(work, 'routine-esm');
  fs.mkdirSync(artifacts, { recursive: true });
  fs.mkdirSync(routineDir, { recursive: true });
  fs.mkdirSync(path.join(esmDir, 'lib'), { recursive: true });
  fs.writeFileSync(path.join(artifacts, 'weights.json'), JSON.stringify({ weights: [1, 2, 3], bias: 0.5 }));
  fs.writeFileSync(path.join(routineDir, 'predictor.js'), LINEAR_CJS);
  fs.writeFileSync(path.join(esmDir, 'lib/routine.mjs'), LINEAR_ESM);
  tarball = path.join(work, 'routine-esm.tar.gz');
  execFileSync('tar', ['-czf', tarball, '-C', esmDir, '.']);
  expect((await call(platform, 'POST', '/v1/projects/e2e/models', { name: 'routine' })).status).toBe(200);
}, 180_000);
afterAll(async () => {
  expect(await platform?.stop()).toBe(0);
}, 90_000);

async function deploy(version: string, predictionClass: string, packageUris: string[]) {
  const created = await call(platform, 'POST', `/v1/${MODEL}/versions`, {
    name: version,
    deploymentUri: artifacts,
    predictionClass,
    packageUris,
  });
  expect(created.status).toBe(200);
  await waitForOperation(platform, created.body['name'] as string);
  return (await call(platform, 'GET', `/v1/${MODEL}/versions/${version}`)).body;
}

const predict = (version: string, body: unknown) =>
  call(platform, 'POST', `/v1/${MODEL}/versions/${version}:predict`, body);

describe('a custom prediction routine served by presage up', () => {
  it.each([
    ['from_dir', 'predictor.js#Predictor', () => routineDir],
    ['from_tarball', 'lib/routine.mjs#Routine', () => `file://${tarball}`],
  ])(
    'deploys a routine %s that loads its weights, and passes extra request keys as options',
    async (version, predictionClass, uri) => {
      const deployed = await deploy(version, predictionClass, [uri()]);
      expect([deployed['state'], deployed['errorMessage']]).toEqual(['READY', undefined]);
      const answer = await predict(version, {
        instances: [
          [1, 1, 1],
          [0, 2, -1],
        ],
        signature_name: 'ignored_by_routines',
        parameters: { threshold: 0.3 },
      });
      expect(answer).toEqual({
        status: 200,
        body: {
          predictions: [6.5, 1.5].map((score) => ({
            score,
            options: { signature_name: 'ignored_by_routines', parameters: { threshold: 0.3 } },
          })),
        },
      });
    },
  );

  it('answers 400 with the message of an error predict throws, and keeps serving', async () => {
    const failed = await predict('from_dir', { instances: [[1, 2, 3], 'oops'] });
    expect(failed).toEqual({
      status: 400,
      body: { error: 'Prediction failed: instance "oops" is not a feature list' },
    });
    const next = await predict('from_dir', { instances: [[1, 0, 0]] });
    expect(next).toEqual({ status: 200, body: { predictions: [{ score: 1.5, options: {} }] } });
  });

  it.each([
    [
      'a module the package does not hold',
      'nope.js#Predictor',
      () => [routineDir],
      /^Module nope\.js of predictionClass "nope\.js#Predictor" is not in the packages: the packages hold predictor\.js\. Set predictionClass/,
    ],
    [
      'a class the module does not export',
      'predictor.js#Scorer',
      () => [routineDir],
      /^predictor\.js does not export a class Scorer: its exports are Predictor\. Export it/,
    ],
    [
      'a package that does not exist',
      'predictor.js#Predictor',
      () => [`${routineDir}-missing.tar.gz`],
      /^packageUris .*routine-missing\.tar\.gz does not exist/,
    ],
  ])('fails a version with %s, saying what to fix', async (_, predictionClass, uris, message) => {
    const version = `bad_${Math.random().toString(36).slice(2, 8)}`;
    const deployed = await deploy(version, predictionClass, uris());
    expect(deployed).toMatchObject({ state: 'FAILED', errorMessage: expect.stringMatching(message) });
  });
});
