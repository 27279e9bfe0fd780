import { admittedJobs, countByState } from './job-admission';
import type { AdmissionView } from './job-admission';

const jobs: AdmissionView[] = [
  { id: 'a', state: 'RUNNING' },
  { id: 'b', state: 'QUEUED' },
  { id: 'c', state: 'CANCELLING' },
  { id: 'd', state: 'QUEUED' },
  { id: 'e', state: 'QUEUED' },
];

describe('job admission', () => {
  it('admits queued jobs in order while fewer than the limit prepare or run', () => {
    expect(admittedJobs(jobs, 3)).toEqual(new Set(['b', 'd']));
    expect(admittedJobs(jobs, 1)).toEqual(new Set());
    expect(admittedJobs([{ id: 'x', state: 'PREPARING' }, ...jobs], 1)).toEqual(new Set());
    expect(admittedJobs(jobs, 10)).toEqual(new Set(['b', 'd', 'e']));
  });

  it('counts the active jobs by state', () => {
    expect(countByState(jobs)).toEqual({ RUNNING: 1, QUEUED: 3, CANCELLING: 1 });
    expect(countByState([])).toEqual({});
  });
});
