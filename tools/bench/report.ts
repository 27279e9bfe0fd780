// The Markdown report of tools/bench/online-predict.ts: machine facts, settings and one row per case.
import os from 'node:os';
import type { LoadResult } from './load';

/** CPU milliseconds per request, over the measured phase, of each process serving it. */
export interface CpuPerRequest {
  gateway: number;
  predictor: number;
  baseline: number;
}

export interface CaseResult {
  model: string;
  protocol: 'rest' | 'grpc';
  concurrency: number;
  presage: LoadResult;
  baseline: LoadResult;
  cpu: CpuPerRequest;
  /** Instances per model run in the predictor over the case (adaptive batching). */
  meanBatch: number;
}

export interface MachineFacts {
  cores: number;
  cpuModel: string;
  node: string;
  os: string;
  memoryGiB: number;
  /** 1, 5 and 15-minute load averages. */
  loadBefore: number[];
  loadAfter: number[];
}

export interface RunSettings {
  durationS: number;
  warmupS: number;
  maxRequests: number;
  startedAt: Date;
  /** PRESAGE_AUTH of the Presage side. @default 'off' */
  auth?: 'off' | 'required';
  /** The versions' request-logging share (requestLoggingConfig.samplingPercentage); 0: off. @default 0 */
  requestLogging?: number;
}

export function machineFacts(loadBefore: number[]): MachineFacts {
  return {
    cores: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadBefore,
    loadAfter: os.loadavg(),
  };
}

const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const latencies = (r: LoadResult) => `${r.p50Us} / ${r.p90Us} / ${r.p99Us}`;
const loads = (values: number[]) => values.map((v) => v.toFixed(2)).join(' ');

/** One table row per case; ratios are presage ÷ baseline (req/s: higher is better; p50: lower is better). */
export function resultsTable(cases: CaseResult[]): string {
  const header = [
    'model',
    'proto',
    'conc.',
    'presage req/s',
    'baseline req/s',
    'req/s ratio',
    'presage p50 / p90 / p99 µs',
    'baseline p50 / p90 / p99 µs',
    'p50 ratio',
    'CPU ms/req gateway + predictor',
    'CPU ms/req baseline',
    'CPU ratio',
    'mean batch',
    'errors (presage / baseline)',
  ];
  const rows = cases.map(({ model, protocol, concurrency, presage, baseline, cpu, meanBatch }) => [
    model,
    protocol,
    String(concurrency),
    fixed(presage.requestsPerS, 0),
    fixed(baseline.requestsPerS, 0),
    fixed(presage.requestsPerS / baseline.requestsPerS, 2),
    latencies(presage),
    latencies(baseline),
    fixed(presage.p50Us / baseline.p50Us, 2),
    `${fixed(cpu.gateway, 3)} + ${fixed(cpu.predictor, 3)}`,
    fixed(cpu.baseline, 3),
    fixed((cpu.gateway + cpu.predictor) / cpu.baseline, 2),
    fixed(meanBatch, 1),
    `${presage.errors} / ${baseline.errors}`,
  ]);
  // Padded as prettier formats Markdown tables: the first three columns left-aligned, the numbers right-aligned.
  const left = 3;
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const pad = (cell: string, i: number) => (i < left ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!));
  const line = (cells: string[]) => `| ${cells.map(pad).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (i < left ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export function renderReport(cases: CaseResult[], machine: MachineFacts, settings: RunSettings): string {
  const errorLines = cases.flatMap(({ model, protocol, concurrency, presage, baseline }) =>
    (
      [
        ['presage', presage],
        ['baseline', baseline],
      ] as const
    ).flatMap(([target, r]) =>
      r.errorSamples.map((sample) => `- ${model} ${protocol} c=${concurrency} ${target}: ${sample}`),
    ),
  );
  return [
    '# Online prediction: Presage vs. a minimal node:http (or grpc-js) + onnxruntime-node server',
    '',
    `Run ${settings.startedAt.toISOString()} by \`node --import tsx tools/bench/online-predict.ts --duration-s ${settings.durationS} --warmup-s ${settings.warmupS}${settings.auth === 'required' ? ' --auth required' : ''}${settings.requestLogging ? ` --request-logging ${settings.requestLogging}` : ''}\`.`,
    ...(settings.requestLogging
      ? [
          `Presage logs ${settings.requestLogging * 100} % of the predictions (requestLoggingConfig) into \`bench_logs.<model>\` in its Postgres.`,
        ]
      : []),
    ...(settings.auth === 'required'
      ? [
          'Presage runs with `PRESAGE_AUTH=required`: every prediction carries an API key bound to `roles/ml.modelUser`',
          '(checked at the gateway: key digest, cached key and policy lookups); the baseline has no auth.',
        ]
      : []),
    `Each case: ${settings.warmupS} s warm-up (discarded), then ${settings.durationS} s or ${settings.maxRequests} requests,`,
    "one instance per request (the fixture's first), closed loop with `conc.` requests in flight over keep-alive",
    'sockets (REST) or on one gRPC channel (gRPC: OnlinePredictionService/Predict, on the gateway and on a',
    'minimal grpc-js server); presage and baseline alternate within each case. Latency is client-side, send',
    'to last byte. CPU per request is what each process used over the measured phase (/proc), divided by the',
    "requests; mean batch is the predictor's instances per model run over the case.",
    '',
    resultsTable(cases),
    '',
    ...(errorLines.length > 0 ? ['Errors seen:', '', ...errorLines, ''] : []),
    '## Machine',
    '',
    `- ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, ${machine.os}`,
    `- node ${machine.node}`,
    `- load average (1 / 5 / 15 min) before: ${loads(machine.loadBefore)}; after: ${loads(machine.loadAfter)}`,
    '- the load generator, the baseline server and every Presage process (gateway, predictor, registry,',
    '  deployer, Postgres) share these cores',
    '',
  ].join('\n');
}
