import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { Logger } from '@presage/log';
import { DEFAULT_RESTART_POLICY, nextRestartDelay } from './restart-backoff';
import type { RestartPolicy } from './restart-backoff';

/** One Node.js process of the platform, run as `node <args>` (a compiled module: tools/scripts/build.mjs). */
export interface ProcessSpec {
  /** The name in logs and in front of each output line. */
  name: string;
  /** The arguments after `node`, computed at every (re)start. */
  args: () => string[];
  env: NodeJS.ProcessEnv;
  /** The working directory: the repository root. */
  cwd: string;
}

export interface SupervisorOptions {
  logger: Logger;
  /** Receives every output line of the process, already prefixed. */
  writeLine: (line: string) => void;
  /** The width the name is padded to in the prefix. */
  labelWidth: number;
  /** @default DEFAULT_RESTART_POLICY */
  restart?: RestartPolicy;
}

export interface SupervisedProcess {
  readonly name: string;
  /** The pid of the current incarnation, if one runs. */
  pid(): number | undefined;
  /** Calls `listener` with every stdout line of every incarnation; returns the unsubscribe. */
  onStdoutLine(listener: (line: string) => void): () => void;
  start(): void;
  /** No more restarts; SIGTERM, SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs: number): Promise<void>;
  /** No more restarts; SIGKILL now (synchronous, safe in an exit handler). */
  kill(): void;
}

interface Incarnation {
  child: ChildProcess;
  exited: Promise<void>;
}

/**
 * Runs a process and starts it again with backoff whenever it exits while it was not asked to stop.
 * Children get their own process group, so a Ctrl-C in the terminal reaches only the cli, which then
 * stops them in order.
 */
export function superviseProcess(spec: ProcessSpec, options: SupervisorOptions): SupervisedProcess {
  const policy = options.restart ?? DEFAULT_RESTART_POLICY;
  const logger = options.logger;
  const prefix = `${spec.name.padEnd(options.labelWidth)} | `;
  const listeners = new Set<(line: string) => void>();
  const restartTimes: number[] = [];
  let current: Incarnation | undefined;
  let restartTimer: NodeJS.Timeout | undefined;
  let stopping = false;

  const pipe = (stream: Readable, onLine?: (line: string) => void): void => {
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      onLine?.(line);
      options.writeLine(`${prefix}${line}\n`);
    });
  };

  const launch = (): void => {
    const child = spawn(process.execPath, spec.args(), {
      cwd: spec.cwd,
      env: spec.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const exited = new Promise<void>((resolve) => {
      child.once('exit', (code, signal) => {
        resolve();
        onExit(child, code, signal);
      });
      child.once('error', (error) => {
        logger.error(`could not start ${spec.name}`, { error });
        if (child.pid === undefined) {
          resolve();
          onExit(child, null, null);
        }
      });
    });
    pipe(child.stdout, (line) => listeners.forEach((listener) => listener(line)));
    pipe(child.stderr);
    current = { child, exited };
    if (child.pid !== undefined)
      logger.info(`started ${spec.name}`, { pid: child.pid, restarts: restartTimes.length });
  };

  const onExit = (child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void => {
    if (current?.child !== child) return;
    current = undefined;
    if (stopping) {
      logger.info(`${spec.name} stopped`, { pid: child.pid, code, signal });
      return;
    }
    const now = Date.now();
    const delayMs = nextRestartDelay(restartTimes, now, policy);
    logger.warn(`${spec.name} exited unexpectedly; restarting`, { pid: child.pid, code, signal, delayMs });
    restartTimer = setTimeout(() => {
      restartTimer = undefined;
      restartTimes.push(Date.now());
      launch();
    }, delayMs);
  };

  const halt = (): Incarnation | undefined => {
    stopping = true;
    clearTimeout(restartTimer);
    restartTimer = undefined;
    return current;
  };

  return {
    name: spec.name,
    pid: () => current?.child.pid,
    onStdoutLine: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start: () => {
      stopping = false;
      if (!current && !restartTimer) launch();
    },
    stop: async (graceMs) => {
      const running = halt();
      if (!running) return;
      running.child.kill('SIGTERM');
      const forceTimer = setTimeout(() => {
        logger.warn(`${spec.name} did not stop within ${graceMs} ms; killing it`, { pid: running.child.pid });
        running.child.kill('SIGKILL');
      }, graceMs);
      await running.exited;
      clearTimeout(forceTimer);
    },
    kill: () => {
      halt()?.child.kill('SIGKILL');
    },
  };
}
