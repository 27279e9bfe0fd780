// Closed-loop load generator for tools/bench, run in its own process so its CPU is not the server's:
// `concurrency` workers each send one prediction, wait for the whole answer, and send the next: over
// keep-alive HTTP sockets (an http:// URL, POST of the body), or as OnlinePredictionService/Predict calls
// on one gRPC channel (grpc://host:port/<model or version name>, the body as the HttpBody). A warm-up
// phase runs first and is discarded; the measured phase stops at the duration or the request count,
// whichever comes first. Loopback targets only.
//
//   node --import tsx tools/bench/load.ts --url http://127.0.0.1:8080/v1/... --body '{"instances":[[1,2,3,4]]}' \
//     [--concurrency 1] [--warmup-s 2] [--duration-s 10] [--max-requests 1000000] [--rate 0]
//   node --import tsx tools/bench/load.ts --url grpc://127.0.0.1:8090/projects/p/models/m --body ...
//
// Prints one JSON line, a LoadResult, on stdout.
import http from 'node:http';
import * as grpc from '@grpc/grpc-js';
import { OnlinePredictionService, serviceDefinition } from '@presage/proto';

export interface LoadOptions {
  /** http://host:port/path (POST) or grpc://host:port/<name> (OnlinePredictionService/Predict). */
  url: string;
  /** The request body, sent as application/json. */
  body: string;
  /** Requests in flight at any time (one worker and one socket each). @default 1 */
  concurrency: number;
  /** Seconds of discarded warm-up load before measuring. @default 2 */
  warmupS: number;
  /** Seconds of measured load. @default 10 */
  durationS: number;
  /** Stop measuring after this many requests, even before the duration is over. @default 1_000_000 */
  maxRequests: number;
  /** At most this many requests per second in all, started on an even schedule; 0: as fast as answered. @default 0 */
  rate: number;
  /** Sent as `authorization: Bearer …` (REST header, gRPC metadata). @default none */
  apiKey?: string | undefined;
  /** Told when the measured phase starts and ends (the process prints `{"phase": …}` lines for it). */
  onPhase?: (phase: 'measuring' | 'measured') => void;
}

export interface LoadResult {
  requests: number;
  /** Answers other than 200, and requests that failed or timed out. */
  errors: number;
  /** Up to five distinct error descriptions, for the report. */
  errorSamples: string[];
  elapsedS: number;
  requestsPerS: number;
  p50Us: number;
  p90Us: number;
  p99Us: number;
  maxUs: number;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const REQUEST_TIMEOUT_MS = 10_000;

interface Phase {
  latenciesUs: number[];
  errors: number;
  errorSamples: Set<string>;
}

function send(
  agent: http.Agent,
  url: URL,
  body: Buffer,
  headers: Record<string, string>,
): Promise<string | undefined> {
  return new Promise((resolve) => {
    const req = http.request(
      {
        agent,
        method: 'POST',
        hostname: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        headers: { 'content-type': 'application/json', 'content-length': body.length, ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve(
            res.statusCode === 200
              ? undefined
              : `HTTP ${res.statusCode}: ${Buffer.concat(chunks).toString('utf8').slice(0, 200)}`,
          ),
        );
        res.on('error', (error) => resolve(`response error: ${error.message}`));
      },
    );
    req.setTimeout(REQUEST_TIMEOUT_MS, () =>
      req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)),
    );
    req.on('error', (error) => resolve(`request error: ${error.message}`));
    req.end(body);
  });
}

/** One request to the target, resolving with an error description, or undefined for a 200. */
type Sender = () => Promise<string | undefined>;

function httpSender(
  url: URL,
  body: Buffer,
  concurrency: number,
  apiKey: string | undefined,
): { send: Sender; close(): void } {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const headers: Record<string, string> = apiKey ? { authorization: `Bearer ${apiKey}` } : {};
  return { send: () => send(agent, url, body, headers), close: () => agent.destroy() };
}

function grpcSender(url: URL, body: Buffer, apiKey: string | undefined): { send: Sender; close(): void } {
  const method = serviceDefinition(OnlinePredictionService)['Predict']!;
  const client = new grpc.Client(url.host, grpc.credentials.createInsecure(), {
    'grpc.max_receive_message_length': 64 * 1024 * 1024,
  });
  const request = {
    name: decodeURIComponent(url.pathname.slice(1)),
    httpBody: { contentType: 'application/json', data: body, extensions: [] },
  };
  const metadata = new grpc.Metadata();
  if (apiKey) metadata.set('authorization', `Bearer ${apiKey}`);
  const sendOne: Sender = () =>
    new Promise((resolve) => {
      client.makeUnaryRequest(
        method.path,
        method.requestSerialize,
        method.responseDeserialize,
        request,
        metadata,
        { deadline: Date.now() + REQUEST_TIMEOUT_MS },
        (error) =>
          resolve(error ? `gRPC ${grpc.status[error.code]}: ${error.details.slice(0, 200)}` : undefined),
      );
    });
  return { send: sendOne, close: () => client.close() };
}

async function runPhase(
  options: LoadOptions,
  sender: Sender,
  seconds: number,
  maxRequests: number,
): Promise<Phase & { elapsedS: number }> {
  const phase: Phase = { latenciesUs: [], errors: 0, errorSamples: new Set() };
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(seconds * 1e9));
  let started = 0;
  const intervalNs = options.rate > 0 ? 1e9 / options.rate : 0;
  const worker = async () => {
    while (started < maxRequests && process.hrtime.bigint() < deadline) {
      const slot = started++;
      if (intervalNs > 0) {
        const waitNs = Number(start - process.hrtime.bigint()) + slot * intervalNs;
        if (waitNs > 1e6) await new Promise((resolve) => setTimeout(resolve, waitNs / 1e6));
      }
      const sentAt = process.hrtime.bigint();
      const error = await sender();
      phase.latenciesUs.push(Number(process.hrtime.bigint() - sentAt) / 1000);
      if (error !== undefined) {
        phase.errors++;
        if (phase.errorSamples.size < 5) phase.errorSamples.add(error);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { ...phase, elapsedS: Number(process.hrtime.bigint() - start) / 1e9 };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const url = new URL(options.url);
  const protocols = ['http:', 'grpc:'];
  if (!protocols.includes(url.protocol) || !LOOPBACK.has(url.hostname)) {
    throw new Error(
      `Refusing to load ${options.url}: only http:// or grpc:// loopback targets (127.0.0.1, localhost, ::1)`,
    );
  }
  const body = Buffer.from(options.body);
  const target =
    url.protocol === 'grpc:'
      ? grpcSender(url, body, options.apiKey)
      : httpSender(url, body, options.concurrency, options.apiKey);
  try {
    if (options.warmupS > 0) await runPhase(options, target.send, options.warmupS, Number.MAX_SAFE_INTEGER);
    options.onPhase?.('measuring');
    const phase = await runPhase(options, target.send, options.durationS, options.maxRequests);
    options.onPhase?.('measured');
    const sorted = Float64Array.from(phase.latenciesUs).sort();
    const round = (us: number) => Math.round(us);
    return {
      requests: sorted.length,
      errors: phase.errors,
      errorSamples: [...phase.errorSamples],
      elapsedS: phase.elapsedS,
      requestsPerS: sorted.length / phase.elapsedS,
      p50Us: round(percentile(sorted, 0.5)),
      p90Us: round(percentile(sorted, 0.9)),
      p99Us: round(percentile(sorted, 0.99)),
      maxUs: round(sorted.length > 0 ? sorted[sorted.length - 1]! : NaN),
    };
  } finally {
    target.close();
  }
}

export function parseLoadArgs(argv: string[]): LoadOptions {
  const options: LoadOptions = {
    url: '',
    body: '',
    concurrency: 1,
    warmupS: 2,
    durationS: 10,
    maxRequests: 1_000_000,
    rate: 0,
  };
  const numeric = {
    '--concurrency': 'concurrency',
    '--warmup-s': 'warmupS',
    '--duration-s': 'durationS',
    '--max-requests': 'maxRequests',
    '--rate': 'rate',
  } as const;
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i]!;
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--url') options.url = value;
    else if (flag === '--body') options.body = value;
    else if (flag === '--api-key') options.apiKey = value;
    else if (flag in numeric) {
      const n = Number(value);
      if (!Number.isFinite(n) || n < 0)
        throw new Error(`${flag} must be a non-negative number, got "${value}"`);
      options[numeric[flag as keyof typeof numeric]] = n;
    } else
      throw new Error(
        `Unknown argument ${flag}; valid: --url, --body, --api-key, ${Object.keys(numeric).join(', ')}`,
      );
  }
  if (!options.url || !options.body) throw new Error('--url and --body are required');
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1)
    throw new Error('--concurrency must be an integer ≥ 1');
  return options;
}

if (require.main === module) {
  const options = parseLoadArgs(process.argv.slice(2));
  options.onPhase = (phase) => console.log(JSON.stringify({ phase }));
  runLoad(options).then(
    (result) => console.log(JSON.stringify(result)),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
