import fs from 'node:fs';
import path from 'node:path';
import { useInternalCredential } from '@presage/grpc-kit';
import type { Logger } from '@presage/log';
import { formatBanner } from '../banner';
import { DEMO_MODEL, demoModelDir, superviseDemoModel } from '../demo-model';
import type { CliConfig } from '../config';
import { superviseEmbeddedPostgres } from '../embedded-postgres';
import { waitForServing } from '../health-probe';
import { platformCredential } from '../platform-credential';
import { PLATFORM_SERVICES } from '../platform-services';
import { superviseProcess } from '../process-supervisor';
import type { ProcessSpec, SupervisedProcess } from '../process-supervisor';

export interface UpContext {
  config: CliConfig;
  logger: Logger;
  /** Writes to the cli's stdout: service output and the banner. */
  write: (text: string) => void;
  /** The repository root: entries are relative to it. */
  repoRoot: string;
  /** The width process names are padded to. */
  labelWidth: number;
  /** Calls `listener` on every SIGINT/SIGTERM. */
  onShutdownSignal: (listener: (signal: string) => void) => void;
  /** Called as the cli exits for any reason: kill what is left. */
  onExit: (listener: () => void) => void;
}

export interface UpTimeouts {
  /** @default 60_000 (a new embedded Postgres cluster takes ~2 s, a service ~2 s) */
  startMs: number;
  /** Per process, after SIGTERM, before SIGKILL. @default 10_000 */
  stopGraceMs: number;
}

const DEFAULT_TIMEOUTS: UpTimeouts = { startMs: 60_000, stopGraceMs: 10_000 };

/**
 * A repeated signal sooner than this is the same Ctrl-C: under `npm start` the terminal signals the
 * whole process group and npm forwards its own copy to the cli.
 */
const SAME_SIGNAL_WINDOW_MS = 1_000;

/**
 * `presage up`: the embedded Postgres (unless DATABASE_URL is set), then every platform service, each
 * restarted when it crashes and each given the platform's internal credential; on SIGINT/SIGTERM stops them in reverse order and Postgres last. Resolves
 * with the exit code: 0 after a clean stop, 1 when start-up failed, 130 after a forced stop.
 */
export async function runUp(context: UpContext, timeouts: UpTimeouts = DEFAULT_TIMEOUTS): Promise<number> {
  const { config, logger } = context;
  const startedAt = Date.now();
  const processes: SupervisedProcess[] = [];
  const shutdown = new AbortController();
  let finish: (code: number) => void = () => undefined;
  const finished = new Promise<number>((resolve) => (finish = resolve));
  let stopping: Promise<void> | undefined;
  let firstSignalAt = 0;

  const stopAll = (): Promise<void> =>
    (stopping ??= (async () => {
      for (const child of [...processes].reverse()) await child.stop(timeouts.stopGraceMs);
    })());

  context.onExit(() => processes.forEach((child) => child.kill()));
  context.onShutdownSignal((signal) => {
    if (firstSignalAt > 0 && Date.now() - firstSignalAt < SAME_SIGNAL_WINDOW_MS) return;
    if (firstSignalAt > 0) {
      logger.warn('second signal: killing every process now', { signal });
      processes.forEach((child) => child.kill());
      finish(130);
      return;
    }
    firstSignalAt = Date.now();
    logger.info('stopping the platform (a second Ctrl-C kills it)', { signal });
    shutdown.abort();
    void stopAll().then(() => {
      logger.info('platform stopped');
      finish(0);
    });
  });

  const base: Omit<ProcessSpec, 'name' | 'args'> = { cwd: context.repoRoot, env: config.inheritedEnv };
  const supervise = (spec: ProcessSpec): SupervisedProcess => {
    const child = superviseProcess(spec, {
      logger,
      writeLine: context.write,
      labelWidth: context.labelWidth,
    });
    processes.push(child);
    child.start();
    return child;
  };

  try {
    fs.mkdirSync(config.home, { recursive: true });
    const credential = platformCredential(config.internalCredential, config.home);
    // The demo model's registry client presents it too.
    useInternalCredential(credential);
    const postgres = config.databaseUrl
      ? undefined
      : superviseEmbeddedPostgres(config.home, base, supervise, logger);
    const embeddedDataDir = postgres?.dataDir;
    let databaseUrl = config.databaseUrl ?? '';
    if (postgres) databaseUrl = (await postgres.ready(timeouts.startMs, shutdown.signal)).url;
    const services = PLATFORM_SERVICES.map((service) => ({ service, address: service.address(config) }));
    for (const { service } of services) {
      supervise({
        ...base,
        name: service.name,
        args: () => [...service.nodeFlags, path.join(context.repoRoot, service.entry)],
        env: { ...base.env, ...credential.environment, ...service.env({ config, databaseUrl }) },
      });
    }
    await Promise.all(
      services.map(({ service, address }) =>
        waitForServing(address, {
          timeoutMs: timeouts.startMs,
          signal: shutdown.signal,
          publicPort: service.name === 'gateway',
        }),
      ),
    );
    context.write(
      formatBanner({
        elapsedMs: Date.now() - startedAt,
        services: services.map(({ service, address }) => ({
          name: service.name,
          address,
          metricsUrl: service.metricsUrl?.(config),
        })),
        home: config.home,
        embeddedDataDir,
        databaseUrl,
        restUrl: `http://127.0.0.1:${config.httpPort}`,
      }),
    );
    const demoDir = demoModelDir(context.repoRoot);
    if (config.demo && !config.allowedPaths.contains(demoDir)) {
      logger.warn('the bundled demo model lies outside PRESAGE_ALLOWED_PATHS: not deployed', {
        dir: demoDir,
        fix: `add ${demoDir} to PRESAGE_ALLOWED_PATHS, or set PRESAGE_DEMO=0`,
      });
    } else if (config.demo) {
      void superviseDemoModel({
        registryAddress: config.registryAddress,
        repoRoot: context.repoRoot,
        logger,
        signal: shutdown.signal,
        onReady: () =>
          context.write(
            `Demo model ${DEMO_MODEL} is READY. Try:\n  curl -s -X POST http://127.0.0.1:${config.httpPort}/v1/${DEMO_MODEL}:predict \\\n` +
              `    -H 'Content-Type: application/json' -d '{"instances": [[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3]]}'\n`,
          ),
      }).catch((error: unknown) => logger.error('the demo model supervisor stopped', { error }));
    }
  } catch (error) {
    if (shutdown.signal.aborted) return finished;
    logger.error('the platform failed to start; stopping', { error });
    shutdown.abort();
    await stopAll();
    return 1;
  }
  return finished;
}
