import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { waitFor } from './wait-for';

/** The repository root (this module is libs/testing/src/service-process.ts). */
const REPO_ROOT = path.resolve(__dirname, '../../..');

/**
 * The compiled main module of `app` (e.g. `registry` → <repo>/apps/registry/dist/main.js), as
 * `presage up` runs it. Jest's global setup builds what is stale (tools/scripts/build.mjs) before any test.
 */
export function serviceMain(app: string): string {
  const main = path.join(REPO_ROOT, 'apps', app, 'dist', 'main.js');
  if (!fs.existsSync(main))
    throw new Error(`${main} is not built: run \`node tools/scripts/build.mjs\` (Jest's global setup does)`);
  return main;
}

export interface ServiceProcess {
  child: ChildProcess;
  /** host:port from the service's "listening" log line. */
  address: string;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  /** SIGTERM, and the exit code once it exited (SIGKILL after `timeoutMs`). */
  stop(timeoutMs?: number): Promise<number | null>;
}

export interface ServiceProcessOptions {
  /** The service's compiled main module (absolute), e.g. serviceMain('registry'). */
  entry: string;
  env: Record<string, string>;
  /** The message of its JSON log line that carries `"address"` once it listens, e.g. `registry listening`. */
  listeningMessage: string;
  /** @default 60_000 */
  timeoutMs?: number;
}

/** Runs a service's compiled composition root as its own process (`node`) and waits until it listens. */
export async function startServiceProcess(options: ServiceProcessOptions): Promise<ServiceProcess> {
  const child = spawn(process.execPath, [options.entry], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const pattern = new RegExp(`"message":"${options.listeningMessage}","address":"([^"]+)"`);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const address = await waitFor(
      () => {
        if (child.exitCode !== null)
          throw new Error(`${options.entry} exited with ${child.exitCode}:\n${output}`);
        return pattern.exec(output)?.[1];
      },
      { timeoutMs: options.timeoutMs ?? 60_000, description: `${options.entry} to listen` },
    );
    return {
      child,
      address,
      output: () => output,
      async stop(timeoutMs = 15_000) {
        if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
        const code = await exited;
        clearTimeout(timer);
        return code;
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

/**
 * A TCP port free at the time of asking, on 127.0.0.1, for a service that binds it seconds later. Drawn
 * from below the kernel's ephemeral range (32768 and up on Linux): ports from there are what port-0
 * listeners and outgoing connections get, so one handed out that way can be taken again before the
 * service binds it.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await canBind(port)) return port;
  }
  throw new Error('no free TCP port found in 20000-31999 after 50 tries');
}

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
