import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@presage/testing';
import { runPresage } from './cli-runner';

interface Answer {
  status: number;
  body: unknown;
}

/** A stand-in gateway that records each request and answers with `answer` (of the request's number). */
async function fakeGateway(answer: Answer | ((index: number) => Answer)) {
  const requests: { method: string; url: string; authorization: string | undefined }[] = [];
  const server = http.createServer((request, response) => {
    const { status, body } = typeof answer === 'function' ? answer(requests.length) : answer;
    requests.push({
      method: request.method!,
      url: request.url!,
      authorization: request.headers.authorization,
    });
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe('the presage CLI without a platform', () => {
  jest.setTimeout(60_000);
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'presage-cli-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('sends PRESAGE_API_KEY as a bearer token, else the config file’s apiKey, to the config file’s endpoint and project', async () => {
    const gateway = await fakeGateway({ status: 200, body: { models: [{ name: 'projects/p1/models/m' }] } });
    try {
      const config = path.join(dir, 'config.json');
      fs.writeFileSync(config, JSON.stringify({ endpoint: gateway.url, project: 'p1', apiKey: 'from-file' }));
      const fromFile = await runPresage(['models', 'list'], { env: { PRESAGE_CONFIG: config } });
      expect(fromFile).toMatchObject({ code: 0, stdout: 'NAME  DEFAULT_VERSION_NAME\nm\n' });
      const fromEnv = await runPresage(['models', 'list', '--project', 'p2'], {
        env: { PRESAGE_CONFIG: config, PRESAGE_API_KEY: 'psk_env' },
      });
      expect(fromEnv.code).toBe(0);
      expect(gateway.requests).toEqual([
        { method: 'GET', url: '/v1/projects/p1/models', authorization: 'Bearer from-file' },
        { method: 'GET', url: '/v1/projects/p2/models', authorization: 'Bearer psk_env' },
      ]);
    } finally {
      await gateway.close();
    }
  });

  it('prints an UNAUTHENTICATED answer as the API error it is (exit 1)', async () => {
    const gateway = await fakeGateway({
      status: 401,
      body: { error: { code: 16, message: 'A valid API key is required.', status: 'UNAUTHENTICATED' } },
    });
    try {
      const result = await runPresage(['models', 'list'], { env: { PRESAGE_ENDPOINT: gateway.url } });
      expect(result).toMatchObject({
        code: 1,
        stdout: '',
        stderr: 'presage: UNAUTHENTICATED: A valid API key is required.\n',
      });
    } finally {
      await gateway.close();
    }
  });

  it("draws a job's progress as the share of its input bytes done when it cannot count the input itself", async () => {
    const job = (state: string, processedInputBytes: string, predictionCount: string) => ({
      jobId: 'j1',
      state,
      predictionInput: { dataFormat: 'JSON', inputPaths: [path.join(dir, 'elsewhere', 'part-*')] },
      predictionOutput: {
        outputPath: '/out',
        predictionCount,
        errorCount: '1',
        inputBytes: '1000',
        processedInputBytes,
        shardCount: 4,
        shardsDone: state === 'SUCCEEDED' ? 4 : 2,
      },
    });
    const gateway = await fakeGateway((index) => ({
      status: 200,
      body: index === 0 ? job('RUNNING', '420', '999') : job('SUCCEEDED', '1000', '2999'),
    }));
    try {
      const result = await runPresage(['jobs', 'stream-logs', 'j1', '--endpoint', gateway.url]);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe(
        `RUNNING [${'#'.repeat(13)}${'-'.repeat(17)}] 42% of input, 1000 instances done, 1 error\n` +
          `SUCCEEDED [${'#'.repeat(30)}] 100% of input, 3000 instances done, 1 error\n`,
      );
      expect(gateway.requests.map((r) => r.url)).toEqual([
        '/v1/projects/demo/jobs/j1',
        '/v1/projects/demo/jobs/j1',
      ]);
    } finally {
      await gateway.close();
    }
  });

  it('exits 3 when nothing answers at the endpoint, saying where it looked', async () => {
    const endpoint = `http://127.0.0.1:${await freePort()}`;
    const result = await runPresage(['models', 'list', '--endpoint', endpoint]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(new RegExp(`^presage: cannot reach ${endpoint}: ECONNREFUSED`));
  });

  it('`local predict` on a directory without a model exits 1 naming what it looked for', async () => {
    const instances = path.join(dir, 'i.jsonl');
    fs.writeFileSync(instances, '[1, 2]\n');
    const result = await runPresage(['local', 'predict', '--model-dir', dir, '--json-instances', instances]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^presage: cannot load the model in ${dir}: .*model\\.onnx`));
    const notJson = await runPresage(['local', 'predict', '--model-dir', dir, '--json-instances', '-'], {
      stdin: 'x\n',
    });
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/^presage: --json-instances -, line 1, is not JSON/);
  });

  it('prints bash and zsh completion scripts that complete commands and flags', async () => {
    const bash = await runPresage(['completion', 'bash']);
    expect(bash.code).toBe(0);
    const script = path.join(dir, 'presage.bash');
    fs.writeFileSync(script, bash.stdout);
    const complete = (...words: string[]) =>
      spawnSync(
        'bash',
        [
          '-c',
          `source ${script}; COMP_WORDS=(${words.join(' ')}); COMP_CWORD=${words.length - 1}; _presage; echo "\${COMPREPLY[*]}"`,
        ],
        {
          encoding: 'utf8',
        },
      ).stdout.trim();
    expect(complete('presage', 'ver')).toBe('versions');
    expect(complete('presage', 'versions', 'set')).toBe('set-default');
    expect(complete('presage', 'jobs', 'submit', 'prediction', 'j', '--input')).toBe('--input-paths');
    expect(complete('presage', 'models', 'list', '--for')).toBe('--format');
    const zsh = await runPresage(['completion', 'zsh']);
    expect(zsh.stdout).toMatch(/^#compdef presage\nautoload -U \+X bashcompinit && bashcompinit\n/);
    expect((await runPresage(['completion', 'fish'])).code).toBe(2);
  });

  it('shows the overview for help and --help (exit 0), and for no command on stderr (exit 2)', async () => {
    for (const args of [['help'], ['--help']]) {
      const result = await runPresage(args);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('models list|describe|create|update|delete');
    }
    const nothing = await runPresage([]);
    expect(nothing).toMatchObject({ code: 2, stdout: '' });
    expect(nothing.stderr).toContain('Usage: presage <command>');
    const versions = await runPresage(['versions', 'create', '--help']);
    expect(versions.code).toBe(0);
    expect(versions.stdout).toContain('--runtime-version <version>');
  });
});
