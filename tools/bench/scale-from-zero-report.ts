// The Markdown report of tools/bench/scale-from-zero.ts: one table per fixture, the rounds, the machine.
import type { ModelLoadResult, PredictorStartResult } from './cold-start-baselines';
import { machineFacts } from './report';

/** One cold start of one fixture, with the baselines measured just before it. */
export interface ScaleFromZeroRound {
  model: string;
  /** The first prediction after the version went to zero, client side: send → last byte. */
  coldSeconds: number;
  /** The prediction right after it, client side. */
  warmSeconds: number;
  /** The gateway's `presage.gateway.cold_start.duration` for it: first held request → a replica ready. */
  gatewayColdStartSeconds: number;
  /** The replica's own model load time (GetModelInfo.loadSeconds). */
  replicaLoadSeconds: number;
  modelLoad: ModelLoadResult;
  predictorStart: PredictorStartResult;
}

export interface ScaleFromZeroSettings {
  rounds: number;
  startedAt: Date;
  loadBefore: number[];
  autoscalerEnv: Record<string, string>;
}

/** The median: the middle value, or the mean of the middle two. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

interface Row {
  measurement: string;
  values: number[];
}

function rowsOf(rounds: ScaleFromZeroRound[]): Row[] {
  const of = (pick: (r: ScaleFromZeroRound) => number) => rounds.map(pick);
  return [
    {
      measurement: '**cold start**: first prediction, client (send → last byte)',
      values: of((r) => r.coldSeconds),
    },
    {
      measurement: 'gateway `cold_start.duration` (first held request → replica ready)',
      values: of((r) => r.gatewayColdStartSeconds),
    },
    {
      measurement: "the new replica's model load (`GetModelInfo.loadSeconds`)",
      values: of((r) => r.replicaLoadSeconds),
    },
    {
      measurement: "the next prediction (the new replica's second), client",
      values: of((r) => r.warmSeconds),
    },
    {
      measurement: '**predictor process start** alone (spawn → ready line)',
      values: of((r) => r.predictorStart.readySeconds),
    },
    { measurement: 'its `loadSeconds`', values: of((r) => r.predictorStart.loadSeconds) },
    {
      measurement: '**model load** alone (`InferenceSession.create` + first `run`)',
      values: of((r) => r.modelLoad.createSeconds + r.modelLoad.runSeconds),
    },
    {
      measurement: '`import onnxruntime-node` before it (not in the line above)',
      values: of((r) => r.modelLoad.importSeconds),
    },
  ];
}

const ms = (seconds: number) => (seconds * 1000).toFixed(seconds < 0.01 ? 2 : 0);
const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : 'n/a');

/** One table: measurement, rounds, p50 and max in ms, and p50 ÷ each baseline's p50. */
export function fixtureTable(rounds: ScaleFromZeroRound[]): string {
  const rows = rowsOf(rounds);
  const predictorStart = median(rows[4]!.values);
  const modelLoad = median(rows[6]!.values);
  const header = ['measurement', 'rounds', 'p50 ms', 'max ms', '÷ predictor start', '÷ model load'];
  const cells = rows.map((row) => {
    const p50 = median(row.values);
    return [
      row.measurement,
      String(row.values.length),
      ms(p50),
      ms(Math.max(...row.values)),
      ratio(p50, predictorStart),
      ratio(p50, modelLoad),
    ];
  });
  // Padded as prettier formats Markdown tables: the first column left-aligned, the numbers right-aligned.
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i]!.length)));
  const pad = (cell: string, i: number) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!));
  const line = (row: string[]) => `| ${row.map(pad).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [line(header), rule, ...cells.map(line)].join('\n');
}

const loads = (values: number[]) => values.map((v) => v.toFixed(2)).join(' ');

export function renderScaleFromZeroReport(
  rounds: ScaleFromZeroRound[],
  settings: ScaleFromZeroSettings,
): string {
  const machine = machineFacts(settings.loadBefore);
  const busy = settings.loadBefore[0]! >= machine.cores / 2;
  const models = [...new Set(rounds.map((r) => r.model))];
  const sections = models.flatMap((model) => {
    const own = rounds.filter((r) => r.model === model);
    // Per round: the two were measured back to back, in the same state of the machine.
    const added = median(own.map((r) => r.coldSeconds - r.predictorStart.readySeconds));
    return [
      `## ${model}`,
      '',
      fixtureTable(own),
      '',
      `Cold start per round (ms): ${own.map((r) => ms(r.coldSeconds)).join(', ')}. What the platform adds to ` +
        `starting the process (cold start − predictor start of the same round, median): ${ms(added)} ms.`,
      '',
    ];
  });
  const env = Object.entries(settings.autoscalerEnv)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  return [
    '# Scale from zero: the first prediction of a version at zero replicas',
    '',
    ...(busy
      ? [
          `**The machine was busy** (1-minute load ${settings.loadBefore[0]!.toFixed(2)} on ${machine.cores} cores before the run):`,
          'another job shared the cores, so these numbers are noisy; rerun on a quiet machine.',
          '',
        ]
      : []),
    `Run ${settings.startedAt.toISOString()} by \`node --import tsx tools/bench/scale-from-zero.ts --rounds ${settings.rounds}\`.`,
    `\`presage up\` (embedded Postgres) with \`${env}\`; each fixture deployed as \`projects/bench/models/<model>/versions/v1\``,
    'with `autoScaling: {minNodes: 0}`. Each round, per fixture (the first one alternates): wait until the deployer lists no',
    'replica of any version and their processes have exited, run the two baselines (each in a fresh process), then send one',
    '`POST /v1/projects/bench/models/<model>:predict` (one instance, answer checked against the fixture) and one more',
    "right after it. p50 is the median over the rounds; the ratios are this row's p50 ÷ the baseline's p50.",
    '',
    ...sections,
    '## Machine',
    '',
    `- ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, ${machine.os}`,
    `- node ${machine.node}`,
    `- load average (1 / 5 / 15 min) before: ${loads(machine.loadBefore)}; after: ${loads(machine.loadAfter)}`,
    '- every Presage process (gateway, registry, deployer, batch, autoscaler, Postgres, the predictor) and the',
    '  baselines share these cores',
    '',
  ].join('\n');
}
