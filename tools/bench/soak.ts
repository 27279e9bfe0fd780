// The soak benchmark: a steady rate of predictions for a long time, with the resident memory of every
// platform process sampled over time, to show what grows. See README.md (soak).
//
//   node --import tsx tools/bench/soak.ts [--minutes 10] [--rate 200] [--concurrency 4] [--sample-s 15] [--out FILE]
//   --rate 0: closed loop, each of the `concurrency` clients sends its next request when the last is answered.
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildFixture } from '@presage/model-fixtures';
import { exitOnFailure, runBenchmarkMain } from './bench-main';
import { runLoadInChild, stopLoadGenerators } from './child-processes';
import type { LoadResult } from './load';
import { platformMemory } from './process-memory';
import type { ProcessMemory } from './process-memory';
import { deployFixture, startPresage } from './presage-platform';

interface SoakArgs {
  minutes: number;
  rate: number;
  concurrency: number;
  sampleS: number;
  out: string;
}

interface Sample {
  atS: number;
  memory: ProcessMemory[];
}

function parseSoakArgs(argv: string[]): SoakArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      minutes: { type: 'string', default: '10' },
      rate: { type: 'string', default: '200' },
      concurrency: { type: 'string', default: '4' },
      'sample-s': { type: 'string', default: '15' },
      out: { type: 'string', default: path.join(__dirname, 'results/soak.md') },
    },
    strict: true,
  });
  const number = (name: string, text: string, zeroAllowed = false): number => {
    const value = Number(text);
    if (!Number.isFinite(value) || value < 0 || (value === 0 && !zeroAllowed)) {
      const what = zeroAllowed ? 'a number ≥ 0' : 'a positive number';
      throw new Error(`--${name} must be ${what}, got "${text}"`);
    }
    return value;
  };
  return {
    minutes: number('minutes', values.minutes),
    rate: number('rate', values.rate, true),
    concurrency: number('concurrency', values.concurrency),
    sampleS: number('sample-s', values['sample-s']),
    out: values.out,
  };
}

const mib = (bytes: number | undefined) => (bytes === undefined ? 'n/a' : (bytes / 2 ** 20).toFixed(0));

function renderReport(args: SoakArgs, samples: Sample[], load: LoadResult, loadBefore: number[]): string {
  const names = [...new Set(samples.flatMap((s) => s.memory.map((m) => m.name)))].sort();
  const rss = (sample: Sample, name: string) => sample.memory.find((m) => m.name === name)?.rssBytes;
  const total = (sample: Sample) => sample.memory.reduce((sum, m) => sum + m.rssBytes, 0);
  // Growth from the first minute (after warm-up of caches and JIT) to the end.
  const settled = samples.find((s) => s.atS >= 60) ?? samples[0]!;
  const last = samples[samples.length - 1]!;
  const lines = [
    '# Soak: resident memory under a steady prediction rate',
    '',
    `${args.minutes} min ${args.rate > 0 ? `at ${args.rate} req/s` : 'closed loop'} (linear fixture, one instance per request, ${args.concurrency} ` +
      `connections, REST, one replica), started ${new Date(Date.now() - args.minutes * 60_000).toISOString()}; ` +
      `${os.cpus().length} cores, Node ${process.version}, load average before ${loadBefore.map((v) => v.toFixed(2)).join(' ')}.`,
    '',
    `Load: ${load.requests} requests, ${load.requestsPerS.toFixed(0)} req/s, ${load.errors} errors, ` +
      `p50 ${load.p50Us} µs, p99 ${load.p99Us} µs, max ${load.maxUs} µs.`,
    '',
    '## Growth (MiB RSS)',
    '',
    '| process | at 1 min | at end | change | min | max |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...[...names, 'all'].map((name) => {
      const of = (s: Sample) => (name === 'all' ? total(s) : rss(s, name));
      const values = samples.map(of).filter((v): v is number => v !== undefined);
      const from = of(settled);
      const to = of(last);
      const change = from !== undefined && to !== undefined ? to - from : undefined;
      return `| ${name} | ${mib(from)} | ${mib(to)} | ${change === undefined ? 'n/a' : `${change >= 0 ? '+' : ''}${mib(change)}`} | ${mib(Math.min(...values))} | ${mib(Math.max(...values))} |`;
    }),
    '',
    '## Over time (MiB RSS)',
    '',
    `| s | ${names.join(' | ')} | all |`,
    `| ---: | ${names.map(() => '---:').join(' | ')} | ---: |`,
    ...samples.map(
      (s) => `| ${s.atS} | ${names.map((n) => mib(rss(s, n))).join(' | ')} | ${mib(total(s))} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

async function runSoak(args: SoakArgs, onStarted: (stop: () => Promise<void>) => void): Promise<string> {
  const loadBefore = os.loadavg();
  console.log('starting presage up (embedded Postgres) ...');
  const platform = await startPresage();
  onStarted(platform.stop);
  const fixture = await buildFixture('linear', path.join(platform.home, 'fixtures'));
  const model = await deployFixture(platform, 'soak', fixture);
  const samples: Sample[] = [];
  const startedAt = Date.now();
  const sample = () => {
    const atS = Math.round((Date.now() - startedAt) / 1000);
    samples.push({ atS, memory: platformMemory(platform.home) });
    const line = samples
      .at(-1)!
      .memory.map((m) => `${m.name} ${mib(m.rssBytes)}`)
      .join(', ');
    console.log(`${atS} s: ${line} (MiB RSS)`);
  };
  sample();
  const timer = setInterval(sample, args.sampleS * 1000);
  try {
    const load = await runLoadInChild({
      url: `${platform.rest}/v1/${model}:predict`,
      body: JSON.stringify({ instances: fixture.instances.slice(0, 1) }),
      concurrency: args.concurrency,
      warmupS: 0,
      durationS: args.minutes * 60,
      maxRequests: Number.MAX_SAFE_INTEGER,
      rate: args.rate,
    });
    sample();
    return renderReport(args, samples, load, loadBefore);
  } finally {
    clearInterval(timer);
  }
}

if (require.main === module) {
  exitOnFailure(async () => {
    const args = parseSoakArgs(process.argv.slice(2));
    await runBenchmarkMain({
      out: args.out,
      stopChildren: stopLoadGenerators,
      run: (onStarted) => runSoak(args, onStarted),
    });
  });
}
