import fs from 'node:fs';
import path from 'node:path';
import { buildFixture } from '@presage/model-fixtures';
import { pidsWithEnv } from '@presage/testing';
import { runLoadInChild } from './child-processes';
import { deployFixture, startPresage } from './presage-platform';

function cpuTicks(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}
function nameOf(pid: number): string {
  const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  return (
    args.map((a) => /apps\/(\w+)\/(src|dist)\/main/.exec(a)?.[1]).find(Boolean) ?? args.slice(0, 3).join(' ')
  );
}
async function main() {
  const model = process.argv[2] ?? 'linear';
  const concurrency = Number(process.argv[3] ?? 32);
  const platform = await startPresage({ NODE_OPTIONS: '--require /tmp/cpuprof.cjs' });
  try {
    const fixture = await buildFixture(model as 'linear', path.join(platform.home, 'fixtures'));
    const name = await deployFixture(platform, 'bench', fixture);
    const body = JSON.stringify({ instances: fixture.instances.slice(0, 1) });
    await runLoadInChild({
      url: `${platform.rest}/v1/${name}:predict`,
      body,
      concurrency,
      warmupS: 0,
      durationS: 2,
      maxRequests: 1e9,
      rate: 0,
    });
    const pids = pidsWithEnv('PRESAGE_HOME', platform.home);
    const targets = pids.filter((p) => ['gateway', 'predictor'].includes(nameOf(p)));
    for (const p of targets) process.kill(p, 'SIGUSR1');
    const before = new Map(pids.map((p) => [p, cpuTicks(p)]));
    const result = await runLoadInChild({
      url: `${platform.rest}/v1/${name}:predict`,
      body,
      concurrency,
      warmupS: 0,
      durationS: 8,
      maxRequests: 1e9,
      rate: 0,
    });
    for (const p of targets) process.kill(p, 'SIGUSR2');
    console.log(`${model} c=${concurrency}: ${result.requestsPerS.toFixed(0)} req/s p50 ${result.p50Us} µs`);
    for (const pid of pids) {
      const ms = (cpuTicks(pid) - before.get(pid)!) * 10;
      if (ms > 50) console.log(`  ${nameOf(pid)}: ${(ms / result.requests).toFixed(3)} ms CPU/request`);
    }
    await new Promise((r) => setTimeout(r, 1500));
  } finally {
    await platform.stop();
  }
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
