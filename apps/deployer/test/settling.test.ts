import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { ConnectedClient } from '@presage/grpc-kit';
import { buildFixture } from '@presage/model-fixtures';
import type { Fixture } from '@presage/model-fixtures';
import { freePort, pidsWithEnv } from '@presage/testing';
import type { ModelServiceHandlers, Operation__Output } from '@presage/proto';
import { startDeployerPlatform } from './deployer-harness';
import type { DeployerPlatform } from './deployer-harness';

/**
 * Every version settles: each way staging or loading can fail ends FAILED with a message the user can act
 * on and its operation done. The deadline and the http timeout are short here (the defaults are 10 min
 * and 60 s), so transient failures settle within seconds.
 */
const DEADLINE_MS = 8_000;
const STAGING_TIMEOUT_MS = 1_000;
const MODEL = 'projects/settle/models/m';

/** The fields of a version the tests set. */
interface VersionFields {
  deploymentUri: string;
  predictionClass?: string;
  packageUris?: string[];
}

let home: string;
let platform: DeployerPlatform;
let models: ConnectedClient<ModelServiceHandlers>;
let linear: Fixture;
const servers: http.Server[] = [];

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'presage-settle-'));
  linear = await buildFixture('linear', path.join(home, 'fixtures'));
  platform = await startDeployerPlatform({
    home,
    deployerEnv: {
      PRESAGE_DEPLOY_DEADLINE_MS: String(DEADLINE_MS),
      PRESAGE_STAGING_TIMEOUT_MS: String(STAGING_TIMEOUT_MS),
    },
  });
  ({ models } = platform);
  await models.client.CreateModel({ parent: 'projects/settle', model: { name: 'm' } });
}, 120_000);

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
  await platform?.stop();
  fs.rmSync(home, { recursive: true, force: true });
});

/** An http server on a free port; closed after the suite. */
async function serve(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Creates a version and waits (polling, with a deadline) for its operation to be done. */
async function createAndSettle(
  id: string,
  version: VersionFields,
): Promise<{ op: Operation__Output; created: number }> {
  const created = Date.now();
  const started = await models.client.CreateVersion({ parent: MODEL, version: { name: id, ...version } });
  expect(started.done).toBe(false);
  // The deadline, the slowest attempt after it, and a predictor's start on a busy machine.
  const op = await platform.waitForOperation(started.name, DEADLINE_MS + 60_000);
  return { op, created };
}

/** The version is FAILED with `message`, its operation done with the same error, and nothing runs. */
async function expectFailed(id: string, op: Operation__Output, message: RegExp): Promise<string> {
  const version = await models.client.GetVersion({ name: `${MODEL}/versions/${id}` });
  expect(version.state).toBe('FAILED');
  expect(version.errorMessage).toMatch(message);
  expect(version.errorMessage).not.toMatch(/\n|\s+at \S+ \(/);
  expect(op).toMatchObject({
    done: true,
    result: 'error',
    error: { code: 9, message: version.errorMessage },
  });
  expect(await platform.readyReplicas(version.name)).toHaveLength(0);
  expect(pidsWithEnv('PRESAGE_PREDICTOR_VERSION', version.name)).toEqual([]);
  return version.errorMessage;
}

describe('a version whose files cannot be used fails at once', () => {
  it.each([
    [
      'unparseable',
      () => 'http://[::1',
      /^deploymentUri "http:\/\/\[::1" is not a valid URI: check the host and port/,
    ],
    [
      'other_host',
      () => 'file://evil.example/etc',
      /^deploymentUri file:\/\/evil\.example\/etc names the host evil\.example: a file:\/\/ URI must name a directory on the deployer's machine/,
    ],
    [
      'broken_link',
      () => {
        const dir = path.join(home, 'broken-link');
        fs.mkdirSync(dir, { recursive: true });
        fs.copyFileSync(path.join(linear.dir, 'model.onnx'), path.join(dir, 'model.onnx'));
        fs.symlinkSync(path.join(home, 'nothing-here'), path.join(dir, 'vocab.txt'));
        return dir;
      },
      /holds a broken symbolic link, vocab\.txt: what it points to does not exist\. Remove the link or restore its target\.$/,
    ],
    [
      'unresolvable',
      () => 'http://no-such-host.invalid/models/m/',
      /the host no-such-host\.invalid does not resolve/,
    ],
    [
      'missing_package',
      () => linear.dir,
      /^packageUris .*routine\.tar\.gz does not exist: check the path of the tarball\.$/,
      { predictionClass: 'routine.js#Routine', packageUris: ['/nowhere/routine.tar.gz'] },
    ],
  ])(
    '%s',
    async (id, uri, message, extra: Partial<VersionFields> = {}) => {
      const { op } = await createAndSettle(id, { deploymentUri: uri(), ...extra });
      const errorMessage = await expectFailed(id, op, message);
      // At once: not retried until the deadline of transient failures.
      expect(errorMessage).not.toMatch(/Gave up after/);
    },
    120_000,
  );

  it('a routine that crashes while loading', async () => {
    const routine = path.join(home, 'crashing-routine');
    fs.mkdirSync(routine, { recursive: true });
    fs.writeFileSync(
      path.join(routine, 'routine.js'),
      `exports.Routine = class Routine {
        static async load() { setTimeout(() => { throw new TypeError('weights.bin is not a Float32 file'); }, 5); return new Promise(() => {}); }
        predict(instances) { return instances; }
      };`,
    );
    const { op } = await createAndSettle('crashing', {
      deploymentUri: linear.dir,
      predictionClass: 'routine.js#Routine',
      packageUris: [routine],
    });
    await expectFailed(
      'crashing',
      op,
      /^The model's code crashed while loading: TypeError: weights\.bin is not a Float32 file$/,
    );
  }, 120_000);
});

describe('a version whose source fails for now is retried until its deadline', () => {
  it('fails with the last error and the attempts when the host refuses connections', async () => {
    const port = await freePort();
    const { op, created } = await createAndSettle('refused', {
      deploymentUri: `http://127.0.0.1:${port}/models/m/`,
    });
    const message = await expectFailed(
      'refused',
      op,
      new RegExp(
        `^Cannot download http://127\\.0\\.0\\.1:${port}/models/m/model\\.onnx: connection refused\\. Gave up after (\\d+) attempts in \\d+ s \\(the deadline is 8 s after the version was created\\)\\.$`,
      ),
    );
    // Retried (backoff from 1 s: attempts at about 0, 1, 3, 7 and 8 s), and failed at the deadline only.
    expect(Number(/after (\d+) attempts/.exec(message)![1])).toBeGreaterThanOrEqual(2);
    expect(Date.now() - created).toBeGreaterThanOrEqual(DEADLINE_MS);
  }, 120_000);

  it('fails when the server never answers within the staging timeout', async () => {
    const asked: number[] = [];
    const base = await serve(() => asked.push(Date.now()));
    const { op } = await createAndSettle('silent', { deploymentUri: `${base}/models/m/model.onnx` });
    await expectFailed(
      'silent',
      op,
      /: the server sent nothing for 1 s\. Gave up after \d+ attempts in \d+ s \(the deadline is 8 s/,
    );
    expect(asked.length).toBeGreaterThanOrEqual(2);
  }, 120_000);

  it('is READY when the server answers 500 and then the file', async () => {
    const model = fs.readFileSync(path.join(linear.dir, 'model.onnx'));
    const statuses: number[] = [];
    const base = await serve((_, res) => {
      const status = statuses.length === 0 ? 500 : 200;
      statuses.push(status);
      if (status === 500) res.writeHead(500).end('busy');
      else res.end(model);
    });
    const { op } = await createAndSettle('flaky', { deploymentUri: `${base}/models/m/model.onnx` });
    expect(op).toMatchObject({ done: true, result: 'response' });
    const version = await models.client.GetVersion({ name: `${MODEL}/versions/flaky` });
    expect(version).toMatchObject({ state: 'READY', errorMessage: '' });
    expect(statuses).toEqual([500, 200]);
    expect(await platform.readyReplicas(version.name)).toHaveLength(1);
  }, 120_000);
});
