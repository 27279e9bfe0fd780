import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { createInterface } from 'node:readline';
import type {
  V1Container,
  V1ContainerStateTerminated,
  V1ContainerStateWaiting,
  V1EnvVar,
} from '@kubernetes/client-node' with { 'resolution-mode': 'import' };
import { checkHealth } from '@presage/grpc-kit';
import type { FakeStore, Stored } from './fake-store';

type Pod = Stored<'pods'>;

/** A terminated state as JSON (client-node's model has Dates). */
type Terminated = Omit<V1ContainerStateTerminated, 'startedAt' | 'finishedAt'> & {
  startedAt: string;
  finishedAt: string;
};

interface ContainerUpdate {
  phase: string;
  running?: object;
  waiting?: V1ContainerStateWaiting;
  terminated?: Terminated;
  lastState?: { terminated: Terminated };
  ready?: boolean;
}

export interface FakeKubeletOptions {
  store: FakeStore;
  namespace: string;
  /**
   * PersistentVolumeClaims by name → the host directory holding them. One machine has no bind mounts: a
   * pod must mount a claim at that very directory, or its container cannot be created.
   */
  claims: Record<string, string>;
  /** The images this node can pull. */
  images: string[];
  /** The images' working directory: here, the repository root. */
  workdir: string;
  /** What every image sets in its environment (the Dockerfile's ENV). */
  imageEnv: Record<string, string>;
}

interface Runtime {
  ip: string;
  child: ChildProcess | undefined;
  logs: string[];
  restarts: number;
  stopping: boolean;
  timers: NodeJS.Timeout[];
}

const MAX_LOG_LINES = 500;

/**
 * The kubelet of a one-node cluster: runs each pod's container as a real process (its command, with the
 * pod's env: downward API and `$(VAR)` references resolved), gives each pod its own loopback address as
 * its IP (so every pod can listen on the same port, as in its own network namespace: `0.0.0.0:port` in
 * the env becomes `<pod IP>:port`), runs gRPC startup and readiness probes against it, and reports
 * container states: a container that exits non-zero is terminated with the tail of its log as its
 * message (FallbackToLogsOnError, 80 lines or 2048 bytes), then crash-loops (restartPolicy Always) or
 * fails the pod (Never). Deleting a pod sends SIGTERM, SIGKILL after its grace period, then removes it.
 * Liveness probes and resource limits are not enforced.
 */
export class FakeKubelet {
  private readonly runtimes = new Map<string, Runtime>();
  private readonly ips = new Set<string>();
  private scheduled = false;
  private stopped = false;
  private readonly unsubscribe: () => void;

  constructor(private readonly options: FakeKubeletOptions) {
    this.unsubscribe = options.store.onEvent((resource) => resource === 'pods' && this.schedule());
  }

  /** What a pod's container printed (stdout and stderr), for test failure messages. */
  logs(podName: string): string[] {
    const pod = this.options.store.get('pods', this.options.namespace, podName);
    return (pod && this.runtimes.get(pod.metadata.uid!)?.logs) ?? [];
  }

  async close(): Promise<void> {
    this.stopped = true;
    this.unsubscribe();
    const exits: Promise<void>[] = [];
    for (const runtime of this.runtimes.values()) {
      runtime.stopping = true;
      runtime.timers.forEach(clearTimeout);
      const child = runtime.child;
      if (child && child.exitCode === null && child.signalCode === null) {
        exits.push(new Promise((resolve) => child.once('exit', () => resolve())));
        child.kill('SIGKILL');
      }
    }
    await Promise.all(exits);
  }

  private schedule(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (!this.stopped) this.sync();
    });
  }

  private sync(): void {
    const { store, namespace } = this.options;
    for (const pod of store.list('pods', namespace)) {
      const runtime = this.runtimes.get(pod.metadata.uid!);
      if (pod.metadata.deletionTimestamp) this.terminate(pod, runtime);
      else if (!runtime && pod.status?.phase === 'Pending') this.admit(pod);
    }
  }

  private admit(pod: Pod): void {
    const runtime: Runtime = {
      ip: this.allocateIp(),
      child: undefined,
      logs: [],
      restarts: 0,
      stopping: false,
      timers: [],
    };
    this.runtimes.set(pod.metadata.uid!, runtime);
    const container = pod.spec!.containers[0]!;
    const problem = this.cannotCreate(pod, container);
    if (problem) {
      this.setStatus(pod.metadata.name, runtime, { phase: 'Pending', waiting: problem });
      return;
    }
    this.run(pod, container, runtime);
  }

  /** Why the container cannot be created on this node: an image it cannot pull, a volume it cannot mount. */
  private cannotCreate(pod: Pod, container: V1Container): V1ContainerStateWaiting | undefined {
    if (!this.options.images.includes(container.image ?? '')) {
      return { reason: 'ImagePullBackOff', message: `Back-off pulling image "${container.image}"` };
    }
    for (const mount of container.volumeMounts ?? []) {
      const volume = (pod.spec?.volumes ?? []).find((v) => v.name === mount.name);
      const claim = volume?.persistentVolumeClaim?.claimName;
      const hostDir = claim ? this.options.claims[claim] : undefined;
      if (!hostDir) {
        return { reason: 'ContainerCreating', message: `persistentvolumeclaim "${claim}" not found` };
      }
      if (hostDir !== mount.mountPath) {
        return {
          reason: 'CreateContainerError',
          message: `the fake kubelet mounts claim ${claim} only at ${hostDir}, not ${mount.mountPath}`,
        };
      }
    }
    return undefined;
  }

  private run(pod: Pod, container: V1Container, runtime: Runtime): void {
    const env = resolveEnv(container.env ?? [], pod, runtime.ip);
    const [command, ...args] = container.command ?? [];
    const child = spawn(command === 'node' ? process.execPath : command!, args, {
      cwd: this.options.workdir,
      env: { PATH: process.env['PATH'], HOME: process.env['HOME'], ...this.options.imageEnv, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    runtime.child = child;
    const startedAt = new Date().toISOString();
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        runtime.logs.push(line);
        if (runtime.logs.length > MAX_LOG_LINES) runtime.logs.shift();
      });
    }
    this.setStatus(pod.metadata.name, runtime, { phase: 'Running', running: { startedAt } });
    this.probe(pod, container, runtime, child);
    child.once('exit', (code, signal) => {
      // Let the log lines still in the pipes arrive first, as a container runtime would.
      setTimeout(() => this.exited(pod, container, runtime, child, code, signal, startedAt), 50);
    });
  }

  /** Startup, then readiness: a gRPC health check against the pod's IP and the probe's port. */
  private probe(pod: Pod, container: V1Container, runtime: Runtime, child: ChildProcess): void {
    const probe = container.readinessProbe ?? container.startupProbe;
    const check = async () => {
      if (runtime.child !== child || child.exitCode !== null || runtime.stopping || this.stopped) return;
      let serving = !probe;
      if (probe?.grpc) {
        serving = await checkHealth(`${runtime.ip}:${probe.grpc.port}`, probe.grpc.service ?? '', 1000).then(
          (status) => status === 'SERVING',
          () => false,
        );
      }
      if (runtime.child !== child || child.exitCode !== null || runtime.stopping || this.stopped) return;
      if (serving) this.setStatus(pod.metadata.name, runtime, { phase: 'Running', running: {}, ready: true });
      else runtime.timers.push(setTimeout(() => void check(), 200));
    };
    void check();
  }

  private exited(
    pod: Pod,
    container: V1Container,
    runtime: Runtime,
    child: ChildProcess,
    code: number | null,
    signal: string | null,
    startedAt: string,
  ): void {
    if (runtime.child !== child || this.stopped) return;
    if (runtime.stopping) {
      this.options.store.remove('pods', this.options.namespace, pod.metadata.name);
      this.ips.delete(runtime.ip);
      return;
    }
    const exitCode = code ?? (signal === 'SIGKILL' ? 137 : 143);
    const message =
      container.terminationMessagePolicy === 'FallbackToLogsOnError' && exitCode !== 0
        ? logTail(runtime.logs)
        : '';
    const terminated: Terminated = {
      exitCode,
      reason: exitCode === 0 ? 'Completed' : 'Error',
      ...(message ? { message } : {}),
      startedAt,
      finishedAt: new Date().toISOString(),
    };
    const policy = pod.spec?.restartPolicy ?? 'Always';
    if (policy === 'Never' || (policy === 'OnFailure' && exitCode === 0)) {
      this.setStatus(pod.metadata.name, runtime, {
        phase: exitCode === 0 ? 'Succeeded' : 'Failed',
        terminated,
      });
      return;
    }
    this.setStatus(pod.metadata.name, runtime, { phase: 'Running', terminated });
    const delay = Math.min(500 * 2 ** runtime.restarts, 5000);
    runtime.timers.push(
      setTimeout(
        () =>
          this.setStatus(pod.metadata.name, runtime, {
            phase: 'Running',
            waiting: {
              reason: 'CrashLoopBackOff',
              message: `back-off ${delay} ms restarting failed container`,
            },
            lastState: { terminated },
          }),
        100,
      ),
      setTimeout(() => {
        if (runtime.stopping || this.stopped) return;
        runtime.restarts++;
        this.run(pod, container, runtime);
      }, delay),
    );
  }

  private terminate(pod: Pod, runtime: Runtime | undefined): void {
    const child = runtime?.child;
    if (!runtime || !child || child.exitCode !== null || child.signalCode !== null) {
      runtime?.timers.forEach(clearTimeout);
      if (runtime) this.ips.delete(runtime.ip);
      this.options.store.remove('pods', this.options.namespace, pod.metadata.name);
      return;
    }
    if (runtime.stopping) return;
    runtime.stopping = true;
    runtime.timers.forEach(clearTimeout);
    child.kill('SIGTERM');
    const graceMs = Math.min(pod.spec?.terminationGracePeriodSeconds ?? 30, 10) * 1000;
    runtime.timers.push(setTimeout(() => child.kill('SIGKILL'), graceMs));
  }

  private setStatus(podName: string, runtime: Runtime, state: ContainerUpdate): void {
    const current = this.options.store.get('pods', this.options.namespace, podName);
    if (!current || this.stopped) return;
    const container = current.spec!.containers[0]!;
    const ready = state.ready === true;
    const previous = current.status?.containerStatuses?.[0];
    const containerState = state.running
      ? { running: state.running }
      : state.waiting
        ? { waiting: state.waiting }
        : { terminated: state.terminated };
    const condition = (type: string, status: boolean) => ({ type, status: status ? 'True' : 'False' });
    const status = {
      phase: state.phase,
      hostIP: '127.0.0.1',
      podIP: runtime.ip,
      podIPs: [{ ip: runtime.ip }],
      conditions: [
        condition('PodScheduled', true),
        condition('Initialized', true),
        condition('ContainersReady', ready),
        condition('Ready', ready),
      ],
      containerStatuses: [
        {
          name: container.name,
          image: container.image,
          ready,
          started: Boolean(state.running),
          restartCount: runtime.restarts,
          state: ready && previous?.state?.running ? previous.state : containerState,
          lastState: state.lastState ?? previous?.lastState ?? {},
        },
      ],
    };
    this.options.store.update('pods', { ...current, status });
  }

  private allocateIp(): string {
    for (;;) {
      const ip = `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
      if (!this.ips.has(ip)) {
        this.ips.add(ip);
        return ip;
      }
    }
  }
}

/** The container's environment: values with `$(VAR)` references to earlier variables, downward API fields. */
function resolveEnv(vars: V1EnvVar[], pod: Pod, ip: string): Record<string, string> {
  const env: Record<string, string> = {};
  const fields: Record<string, string> = {
    'metadata.name': pod.metadata.name,
    'metadata.namespace': pod.metadata.namespace,
    'status.podIP': ip,
  };
  for (const variable of vars) {
    let value = variable.valueFrom?.fieldRef
      ? (fields[variable.valueFrom.fieldRef.fieldPath] ?? '')
      : (variable.value ?? '');
    value = value.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, name: string) => env[name] ?? whole);
    env[variable.name] = value.replace(/^0\.0\.0\.0:/, `${ip}:`);
  }
  return env;
}

/** What the kubelet keeps of a log as a termination message: the last 80 lines, at most 2048 bytes. */
function logTail(lines: string[]): string {
  let tail = lines.slice(-80).join('\n');
  if (Buffer.byteLength(tail) > 2048) tail = Buffer.from(tail).subarray(-2048).toString();
  return tail;
}
