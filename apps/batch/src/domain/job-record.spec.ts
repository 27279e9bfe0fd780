import { countsOf, resultsFileName } from './job-record';

describe('job records', () => {
  it('counts the unreadable records preparing found as errors, and worker time as node hours', () => {
    expect(
      countsOf({ predictionCount: 90, errorCount: 4, workerSeconds: 5400 }, { 'bad json': 5, 'too long': 1 }),
    ).toEqual({ predictionCount: 90, errorCount: 10, nodeHours: 1.5 });
  });

  it('names results files as AI Platform does', () => {
    expect(resultsFileName(3, 10)).toBe('prediction.results-00003-of-00010');
  });
});
