import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ConnectedClient } from '@presage/grpc-kit';
import { buildFixture } from '@presage/model-fixtures';
import type { Fixture } from '@presage/model-fixtures';
import type { ModelServiceHandlers } from '@presage/proto';
import { startDeployerPlatform } from './deployer-harness';
import type { DeployerPlatform } from './deployer-harness';

/**
 * A deployer confined to one directory (PRESAGE_ALLOWED_PATHS) with custom routines turned off
 * (PRESAGE_CUSTOM_ROUTINES=false): what lies elsewhere, directly or through a symbolic link, fails the
 * version at once, with a message that names the allowed directory and nothing of the refused path's
 * contents, and nothing of it reaches the artifact store.
 */
const MODEL = 'projects/confined/models/m';

let home: string;
let allowed: string;
let outside: string;
let platform: DeployerPlatform;
let models: ConnectedClient<ModelServiceHandlers>;
let linear: Fixture;

beforeAll(async () => {
  home = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'presage-confined-')));
  allowed = path.join(home, 'allowed');
  outside = path.join(home, 'outside');
  fs.mkdirSync(allowed);
  linear = await buildFixture('linear', outside);
  fs.writeFileSync(path.join(outside, 'secret-name.txt'), 'not for the store');
  platform = await startDeployerPlatform({
    home,
    deployerEnv: { PRESAGE_ALLOWED_PATHS: allowed, PRESAGE_CUSTOM_ROUTINES: 'false' },
  });
  ({ models } = platform);
  await models.client.CreateModel({ parent: 'projects/confined', model: { name: 'm' } });
}, 120_000);

afterAll(async () => {
  await platform?.stop();
  fs.rmSync(home, { recursive: true, force: true });
});

/** Creates a version, waits for its operation and returns the version as it settled. */
async function settle(name: string, fields: Record<string, unknown>) {
  const started = await models.client.CreateVersion({ parent: MODEL, version: { name, ...fields } });
  const op = await platform.waitForOperation(started.name, 60_000);
  const version = await models.client.GetVersion({ name: `${MODEL}/versions/${name}` });
  return { op, version };
}

/** The staged copies in the artifact store: one directory per digest. */
const stagedCopies = () =>
  fs.readdirSync(path.join(home, 'artifacts')).filter((entry) => entry.startsWith('sha256-'));

describe('a confined deployer', () => {
  it.each([
    ['a directory outside', () => outside],
    ['a host directory, never walked', () => '/proc/self/cwd'],
    ['a file:// URI outside', () => `file://${outside}`],
    [
      'a link inside that leads outside',
      () => {
        fs.symlinkSync(outside, path.join(allowed, 'linked-dir'));
        return path.join(allowed, 'linked-dir');
      },
    ],
  ])('fails a version whose deploymentUri is %s, naming only the allowed directory', async (_, uri) => {
    const deploymentUri = uri();
    const name = `v${Math.random().toString(36).slice(2, 8)}`;
    const { op, version } = await settle(name, { deploymentUri });
    expect(version.state).toBe('FAILED');
    expect(version.errorMessage).toContain(`(PRESAGE_ALLOWED_PATHS: ${allowed})`);
    expect(version.errorMessage).not.toMatch(/model\.onnx|secret-name/);
    expect(op).toMatchObject({ done: true, error: { code: 9, message: version.errorMessage } });
    expect(fs.existsSync(path.join(home, 'artifacts')) ? stagedCopies() : []).toEqual([]);
  });

  it('fails a model directory holding a link to a file outside', async () => {
    const dir = path.join(allowed, 'with-link');
    fs.mkdirSync(dir);
    fs.symlinkSync(path.join(linear.dir, 'model.onnx'), path.join(dir, 'model.onnx'));
    const { version } = await settle('linked_file', { deploymentUri: dir });
    expect(version.state).toBe('FAILED');
    expect(version.errorMessage).toMatch(
      /holds a symbolic link, model\.onnx, that leads somewhere that is outside/,
    );
  });

  it('deploys a model inside the allowed directory', async () => {
    const dir = path.join(allowed, 'linear');
    fs.cpSync(linear.dir, dir, { recursive: true });
    const { version } = await settle('inside', { deploymentUri: dir });
    expect(version.errorMessage).toBe('');
    expect(version.state).toBe('READY');
    expect(stagedCopies()).toHaveLength(1);
  }, 90_000);

  it('refuses a custom prediction routine, saying routines are turned off', async () => {
    const routine = path.join(allowed, 'routine');
    fs.mkdirSync(routine);
    fs.writeFileSync(
      path.join(routine, 'r.js'),
      'exports.R = class { static load() { return new this(); } };',
    );
    const { version } = await settle('routine', {
      deploymentUri: path.join(allowed, 'linear'),
      predictionClass: 'r.js#R',
      packageUris: [routine],
    });
    expect(version.state).toBe('FAILED');
    expect(version.errorMessage).toMatch(
      /^Custom prediction routines are turned off on this platform \(PRESAGE_CUSTOM_ROUTINES=false\)/,
    );
  });
});
