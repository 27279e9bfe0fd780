import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import net from 'node:net';
import { waitFor } from './wait-for';

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
  /** The service's main module (absolute). */
  entry: string;
  env: Record<string, string>;
  /** The message of its JSON log line that carries `"address"` once it listens, e.g. `registry listening`. */
  listeningMessage: string;
  /** @default 60_000 */
  timeoutMs?: number;
}

/** Runs a service's composition root as its own process (`node --import tsx`) and waits until it listens. */
export async function startServiceProcess(options: ServiceProcessOptions): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', options.entry], {
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

/** A TCP port free at the time of asking, on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
