import { jobTotals } from './job-totals';
import type { ShardOutcome } from './job-totals';

function shard(index: number, errors: Record<string, number>, done = true): ShardOutcome {
  const errorCount = Object.values(errors).reduce((a, b) => a + b, 0);
  return { index, done, predictionCount: 10 - errorCount, errorCount, workerSeconds: 1800, errors };
}

describe('jobTotals', () => {
  it('sums counts and errors of every shard and of preparing, from the same shards', () => {
    const totals = jobTotals(
      [shard(0, { 'bad json': 2 }), shard(1, { 'bad json': 1, 'wrong shape': 1 })],
      2,
      { 'truncated gzip': 3 },
    );
    expect(totals).toEqual({
      counts: { predictionCount: 16, errorCount: 7, nodeHours: 1 },
      errors: { 'truncated gzip': 3, 'bad json': 3, 'wrong shape': 1 },
    });
  });

  it('has no totals while a shard is not done, or when fewer shards were read than the job has', () => {
    expect(jobTotals([shard(0, {}), shard(1, {}, false)], 2, {})).toEqual({
      unfinished: '1 of 2 shards done (2 read)',
    });
    // A read that lost rows (the answer of another query, say) must not finish the job.
    expect(jobTotals([], 2, {})).toEqual({ unfinished: '0 of 2 shards done (0 read)' });
  });

  it('has no totals when the counted errors and the listed ones disagree', () => {
    const broken = { ...shard(0, { 'bad json': 1 }), errors: {} };
    expect(jobTotals([broken], 1, {})).toEqual({ unfinished: 'the shards count 1 errors but list 0' });
  });
});
