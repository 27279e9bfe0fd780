import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StatusCode } from '@presage/errors';
import { createClient } from '@presage/grpc-kit';
import type { ConnectedClient } from '@presage/grpc-kit';
import { freePort, serviceMain, usePlatformCredential, waitFor } from '@presage/testing';
import { ModelService } from '@presage/proto';
import type { ModelServiceHandlers } from '@presage/proto';

const REPO_ROOT = path.resolve(__dirname, '../../..');

interface RunningCli {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
}

function runCli(args: string[], env: Record<string, string>): RunningCli {
  const child = spawn(process.execPath, [serviceMain('cli'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

function exitCode(cli: RunningCli, timeoutMs: number, description: string): Promise<number | string> {
  return waitFor(() => cli.child.exitCode ?? cli.child.signalCode ?? undefined, { timeoutMs, description });
}

/**
 * Free ports for every listener of the platform (gRPC, REST, metrics), so the test never meets a platform
 * already running on the defaults (`npm start` beside `npm test`).
 */
async function platformEnv(home: string): Promise<Record<string, string>> {
  const address = async () => `127.0.0.1:${await freePort()}`;
  return {
    PRESAGE_HOME: home,
    DATABASE_URL: '',
    PRESAGE_REGISTRY_ADDRESS: await address(),
    PRESAGE_DEPLOYER_ADDRESS: await address(),
    PRESAGE_BATCH_ADDRESS: await address(),
    PRESAGE_AUTOSCALER_ADDRESS: await address(),
    PRESAGE_HTTP_PORT: String(await freePort()),
    PRESAGE_GRPC_PORT: String(await freePort()),
    PRESAGE_REGISTRY_METRICS_ADDRESS: await address(),
    PRESAGE_DEPLOYER_METRICS_ADDRESS: await address(),
    PRESAGE_BATCH_METRICS_ADDRESS: await address(),
    PRESAGE_AUTOSCALER_METRICS_ADDRESS: await address(),
  };
}

/** The pids the supervisor reported for `name`, in start order. */
function startedPids(output: string, name: string): number[] {
  const pattern = new RegExp(`"message":"started ${name}","pid":(\\d+)`, 'g');
  return [...output.matchAll(pattern)].map((match) => Number(match[1]));
}

/** What the embedded Postgres printed each time it was ready (its runnable's stdout, echoed by the cli). */
function postgresReady(output: string): { port: number; pid: number }[] {
  const pattern = /^postgres +\| \{"url":"[^"]+","port":(\d+),"pid":(\d+)\}$/gm;
  return [...output.matchAll(pattern)].map((match) => ({ port: Number(match[1]), pid: Number(match[2]) }));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

describe('presage up', () => {
  jest.setTimeout(150_000);

  it('runs Postgres and the registry, restarts a crashed registry or Postgres, and stops cleanly on SIGTERM', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'presage-up-'));
    const env = await platformEnv(home);
    const address = env['PRESAGE_REGISTRY_ADDRESS']!;
    const cli = runCli(['up'], { ...env, PRESAGE_DEMO: '0' });
    let models: ConnectedClient<ModelServiceHandlers> | undefined;
    try {
      await waitFor(
        () => {
          if (cli.child.exitCode !== null)
            throw new Error(`presage up exited with ${cli.child.exitCode}:\n${cli.output()}`);
          return cli.output().includes('Presage is up');
        },
        { timeoutMs: 90_000, description: 'the banner' },
      );
      expect(cli.output()).toMatch(new RegExp(`registry +gRPC on ${address}`));
      expect(cli.output()).toContain(`data in ${path.join(home, 'postgres')}`);
      expect(cli.output()).toMatch(/^registry +\| .*"registry listening"/m);

      // The platform's internal credential, made at the first start, private; the registry requires it.
      expect(fs.statSync(path.join(home, 'internal-credential')).mode & 0o777).toBe(0o600);
      const stranger = createClient(ModelService, address);
      await expect(stranger.client.GetModel({ name: 'projects/p/models/kept' })).rejects.toMatchObject({
        code: StatusCode.UNAUTHENTICATED,
      });
      stranger.close();
      usePlatformCredential(home);
      models = createClient(ModelService, address);
      const registry = models;

      await models.client.CreateModel({
        parent: 'projects/p',
        model: { name: 'kept', description: 'survives a crash' },
      });
      expect(await models.client.GetModel({ name: 'projects/p/models/kept' })).toMatchObject({
        description: 'survives a crash',
      });

      const [firstRegistry] = startedPids(cli.output(), 'registry');
      process.kill(firstRegistry!, 'SIGKILL');
      const secondRegistry = await waitFor(() => startedPids(cli.output(), 'registry')[1], {
        timeoutMs: 30_000,
        description: 'the supervisor to restart the registry',
      });
      expect(secondRegistry).not.toBe(firstRegistry);
      expect(cli.output()).toContain('registry exited unexpectedly; restarting');
      const model = await waitFor(
        () => registry.client.GetModel({ name: 'projects/p/models/kept' }, { deadlineMs: 2_000 }),
        {
          timeoutMs: 30_000,
          description: 'the restarted registry to serve the model',
        },
      );
      expect(model).toMatchObject({ description: 'survives a crash' });

      // The embedded Postgres killed: restarted on the same port, so the services' URL stays valid.
      const [firstPostgres] = startedPids(cli.output(), 'postgres');
      const [firstServer] = postgresReady(cli.output());
      process.kill(firstPostgres!, 'SIGKILL');
      const secondServer = await waitFor(() => postgresReady(cli.output())[1], {
        timeoutMs: 30_000,
        description: 'the supervisor to restart the embedded Postgres',
      });
      expect(secondServer.port).toBe(firstServer!.port);
      expect(isAlive(firstServer!.pid)).toBe(false); // the orphaned server was shut down first
      expect(
        await waitFor(
          () => registry.client.GetModel({ name: 'projects/p/models/kept' }, { deadlineMs: 2_000 }),
          { timeoutMs: 30_000, description: 'the registry to read the model again' },
        ),
      ).toMatchObject({ description: 'survives a crash' });

      const [, postgres] = startedPids(cli.output(), 'postgres');
      cli.child.kill('SIGTERM');
      expect(await exitCode(cli, 30_000, 'presage up to exit after SIGTERM')).toBe(0);
      expect(isAlive(postgres!)).toBe(false);
      expect(isAlive(secondServer.pid)).toBe(false);
      expect(isAlive(secondRegistry)).toBe(false);
      // Stopped in reverse order: the registry first, Postgres last.
      const output = cli.output();
      expect(output.indexOf('"registry stopped"')).toBeGreaterThan(-1);
      expect(output.indexOf('"postgres stopped"')).toBeGreaterThan(output.indexOf('"registry stopped"'));
    } finally {
      models?.close();
      if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
      // The services run in their own process groups: a killed cli leaves them behind.
      for (const name of ['gateway', 'autoscaler', 'batch', 'deployer', 'registry', 'postgres'])
        startedPids(cli.output(), name).forEach(killQuietly);
      postgresReady(cli.output()).forEach(({ pid }) => killQuietly(pid));
      fs.rmSync(home, { recursive: true, force: true });
    }
  });

  it('rejects an unknown command with the usage text and exit code 2', async () => {
    const cli = runCli(['bogus'], {});
    try {
      expect(await exitCode(cli, 30_000, 'presage bogus to exit')).toBe(2);
      expect(cli.output()).toContain('unknown command "bogus"');
      expect(cli.output()).toContain('Usage: presage <command>');
    } finally {
      if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
    }
  });

  it('prints the usage text for help and exits 0', async () => {
    const cli = runCli(['help'], {});
    try {
      expect(await exitCode(cli, 30_000, 'presage help to exit')).toBe(0);
      expect(cli.output()).toContain('up      Run the platform locally');
    } finally {
      if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
    }
  });
});
