import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serviceMain } from '@presage/testing';

/** What one `presage …` run printed, and its exit code. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  /** Written to its stdin, then closed. */
  stdin?: string;
  env?: Record<string, string>;
  /** @default the compiled CLI, apps/cli/dist/main.js */
  entry?: string;
  /** @default 120_000 */
  timeoutMs?: number;
}

/** A config file that does not exist: the user's own ~/.config/presage never leaks into a test. */
const NO_CONFIG = path.join(os.tmpdir(), 'presage-cli-test-no-config.json');

/** Runs `presage args…` as a user does (stdin, stdout and stderr pipes: not a TTY) and waits for it to exit. */
export function runPresage(args: readonly string[], options: CliRunOptions = {}): Promise<CliResult> {
  const child = spawn(process.execPath, [options.entry ?? serviceMain('cli'), ...args], {
    cwd: os.tmpdir(),
    env: {
      ...process.env,
      PRESAGE_CONFIG: NO_CONFIG,
      PRESAGE_PROJECT: '',
      PRESAGE_ENDPOINT: '',
      PRESAGE_API_KEY: '',
      ...options.env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(options.stdin ?? '');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`presage ${args.join(' ')} did not exit in time:\n${stdout}\n${stderr}`));
    }, options.timeoutMs ?? 120_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The stdout of a `--format json` run that must succeed, parsed. */
export async function presageJson<T = Record<string, unknown>>(
  args: readonly string[],
  options: CliRunOptions = {},
): Promise<T> {
  const result = await runPresage([...args, '--format', 'json'], options);
  if (result.code !== 0)
    throw new Error(`presage ${args.join(' ')} exited ${result.code}:\n${result.stderr}${result.stdout}`);
  return JSON.parse(result.stdout) as T;
}

/** JSON lines of instances, written to a file of `dir`. */
export function writeInstances(dir: string, name: string, instances: readonly unknown[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${instances.map((instance) => JSON.stringify(instance)).join('\n')}\n`);
  return file;
}
