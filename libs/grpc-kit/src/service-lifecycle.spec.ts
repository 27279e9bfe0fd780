import { createLogger } from '@presage/log';
import { EXIT_FAILURE, ServiceExit, runService } from './service-lifecycle';
import type { ServiceProcess } from './service-lifecycle';

/** A process whose signals the test sends and whose exit it records. */
class FakeProcess implements ServiceProcess {
  readonly listeners = new Map<string, () => void>();
  readonly exits: number[] = [];

  once(signal: NodeJS.Signals, listener: () => void): void {
    this.listeners.set(signal, listener);
  }

  exit(code: number): void {
    this.exits.push(code);
  }

  async send(signal: NodeJS.Signals): Promise<void> {
    const listener = this.listeners.get(signal);
    this.listeners.delete(signal);
    listener?.();
    await waitUntil(() => this.exits.length > 0);
  }
}

async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** A start's asynchronous work (opening a database, binding a port). */
function opening(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function collectingLogger(lines: string[]) {
  return createLogger('test', { level: 'info', write: (line) => void lines.push(line) });
}

describe('runService', () => {
  it('stops on SIGTERM: the steps in reverse order, then exit 0', async () => {
    const proc = new FakeProcess();
    const stopped: string[] = [];
    const lines: string[] = [];
    await runService({ name: 'registry', process: proc, logger: collectingLogger(lines) }, async (life) => {
      await opening();
      life.onStop('telemetry', () => void stopped.push('telemetry'));
      life.onStop('database', async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        stopped.push('database');
      });
      life.onStop('server', () => void stopped.push('server'));
    });
    expect(proc.exits).toEqual([]);
    await proc.send('SIGTERM');
    expect(stopped).toEqual(['server', 'database', 'telemetry']);
    expect(proc.exits).toEqual([0]);
    expect(lines.join('')).toContain('"message":"registry stopping","signal":"SIGTERM"');
  });

  it('runs every step when one fails, and exits 1', async () => {
    const proc = new FakeProcess();
    const stopped: string[] = [];
    const lines: string[] = [];
    await runService({ name: 'batch', process: proc, logger: collectingLogger(lines) }, async (life) => {
      await opening();
      life.onStop('database', () => void stopped.push('database'));
      life.onStop('runner', () => {
        throw new Error('runner stuck');
      });
    });
    await proc.send('SIGINT');
    expect(stopped).toEqual(['database']);
    expect(proc.exits).toEqual([EXIT_FAILURE]);
    expect(lines.join('')).toContain('"message":"stopping runner failed","error":"runner stuck"');
  });

  it('exits 1 when the steps outlast the shutdown deadline', async () => {
    const proc = new FakeProcess();
    const lines: string[] = [];
    const options = {
      name: 'gateway',
      process: proc,
      logger: collectingLogger(lines),
      shutdownDeadlineMs: 50,
    };
    await runService(options, async (life) => {
      await opening();
      life.onStop('server', () => new Promise(() => undefined));
    });
    await proc.send('SIGTERM');
    expect(proc.exits).toEqual([EXIT_FAILURE]);
    expect(lines.join('')).toContain('gateway did not stop within 50 ms');
  });

  it('logs a failed start, tells onStartFailure, and exits 1 without running the steps', async () => {
    const proc = new FakeProcess();
    const stopped: string[] = [];
    const told: unknown[] = [];
    const lines: string[] = [];
    const options = {
      name: 'autoscaler',
      process: proc,
      logger: collectingLogger(lines),
      onStartFailure: (error: unknown) => void told.push(error),
    };
    await runService(options, async (life) => {
      await opening();
      life.onStop('database', () => void stopped.push('database'));
      throw new Error('PRESAGE_AUTOSCALER_ADDRESS must be host:port');
    });
    expect(proc.exits).toEqual([1]);
    expect(stopped).toEqual([]);
    expect(told).toEqual([new Error('PRESAGE_AUTOSCALER_ADDRESS must be host:port')]);
    expect(lines.join('')).toContain('autoscaler failed to start');
  });

  it('exits with the code of a ServiceExit, and stop() ends a run that finished its work', async () => {
    const proc = new FakeProcess();
    await runService({ name: 'predictor', process: proc, logger: collectingLogger([]) }, async () => {
      await opening();
      throw new ServiceExit(3, 'model failed to load');
    });
    expect(proc.exits).toEqual([3]);

    const worker = new FakeProcess();
    const stopped: string[] = [];
    await runService({ name: 'predictor', process: worker, logger: collectingLogger([]) }, async (life) => {
      await opening();
      life.onStop('model', () => void stopped.push('model'));
      await life.stop('job needs no more work');
    });
    expect(stopped).toEqual(['model']);
    expect(worker.exits).toEqual([0]);
  });
});
