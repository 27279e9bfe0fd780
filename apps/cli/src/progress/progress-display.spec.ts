import { JobProgressBar, jobProgressText, progressMode } from './progress-display';

describe('progress display', () => {
  it('animates on a TTY or when forced, prints lines otherwise, and nothing when turned off', () => {
    expect(progressMode(undefined, true)).toBe('animate');
    expect(progressMode(true, false)).toBe('animate');
    expect(progressMode(undefined, false)).toBe('lines');
    expect(progressMode(false, true)).toBe('off');
  });

  it('draws instances done of total as a bar, with the errors counted as done', () => {
    expect(jobProgressText({ state: 'RUNNING', predictions: 199, errors: 1, total: 600 })).toBe(
      'RUNNING [##########--------------------] 200/600 instances (33%), 1 error',
    );
    expect(jobProgressText({ state: 'SUCCEEDED', predictions: 600, errors: 0, total: 600 })).toBe(
      `SUCCEEDED [${'#'.repeat(30)}] 600/600 instances (100%), 0 errors`,
    );
    expect(jobProgressText({ state: 'RUNNING', predictions: 5, errors: 2, total: undefined })).toBe(
      'RUNNING 7 instances done, 2 errors',
    );
  });

  it("draws the share of the job's input bytes done when the CLI could not count the instances", () => {
    const job = { state: 'RUNNING', predictions: 999, errors: 1, inputBytes: 1000, processedInputBytes: 420 };
    expect(jobProgressText({ ...job, total: undefined })).toBe(
      `RUNNING [${'#'.repeat(13)}${'-'.repeat(17)}] 42% of input, 1000 instances done, 1 error`,
    );
    expect(jobProgressText({ ...job, total: 4000 })).toMatch(/ 1000\/4000 instances \(25%\), 1 error$/);
    expect(jobProgressText({ ...job, inputBytes: 0, total: undefined })).toBe(
      'RUNNING 1000 instances done, 1 error',
    );
  });

  it('prints a line only when the progress changed', () => {
    const written: string[] = [];
    const bar = new JobProgressBar('lines', (text) => written.push(text));
    bar.update({ state: 'QUEUED', predictions: 0, errors: 0, total: 4 });
    bar.update({ state: 'QUEUED', predictions: 0, errors: 0, total: 4 });
    bar.update({ state: 'RUNNING', predictions: 2, errors: 0, total: 4 });
    bar.finish();
    expect(written).toHaveLength(2);
    expect(written[1]).toMatch(/^RUNNING \[#{15}-{15}\] 2\/4 instances \(50%\), 0 errors\n$/);
  });
});
