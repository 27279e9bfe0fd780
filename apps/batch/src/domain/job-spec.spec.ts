import { ApiError, StatusCode } from '@presage/errors';
import { isWithin, validateNewJob } from './job-spec';

const input = {
  modelName: 'projects/p/models/m',
  dataFormat: 'JSON' as const,
  inputPaths: ['file:///data/in/part-*'],
  outputPath: '/data/out',
};

function violations(error: unknown): string[] {
  expect(error).toBeInstanceOf(ApiError);
  return (error as ApiError).details.flatMap((d) =>
    'fieldViolations' in d ? d.fieldViolations.map((v) => v.field) : [],
  );
}

describe('a new job', () => {
  it('fills the defaults in and removes file://', () => {
    expect(validateNewJob({ jobId: 'j1', predictionInput: input }).spec).toEqual({
      modelName: 'projects/p/models/m',
      versionName: '',
      uri: '',
      framework: '',
      dataFormat: 'JSON',
      inputPaths: ['/data/in/part-*'],
      outputPath: '/data/out',
      maxWorkerCount: 10,
      batchSize: 64,
      signatureName: '',
    });
  });

  it('refuses a file:// URI with a broken percent-escape, naming each field', () => {
    let error: unknown;
    try {
      validateNewJob({
        jobId: 'j1',
        predictionInput: {
          ...input,
          modelName: undefined,
          uri: 'file:///m%ZZ',
          inputPaths: ['file:///in/%'],
          outputPath: 'file:///o/%E0%A4%A',
        },
      });
    } catch (e) {
      error = e;
    }
    expect((error as ApiError).code).toBe(StatusCode.INVALID_ARGUMENT);
    expect(violations(error)).toEqual([
      'job.prediction_input.input_paths[0]',
      'job.prediction_input.output_path',
      'job.prediction_input.uri',
    ]);
    expect((error as ApiError).message).toContain('is not a valid file:// URI: a % must start an escape');
  });

  it('keeps inputs, outputs and models within the allowed directories', () => {
    expect(() => validateNewJob({ jobId: 'j1', predictionInput: input }, ['/data'])).not.toThrow();
    const outside = (() => {
      try {
        validateNewJob(
          {
            jobId: 'j1',
            predictionInput: {
              ...input,
              modelName: undefined,
              uri: '/srv/models/m',
              inputPaths: ['/data/../etc/passwd'],
              outputPath: '/tmp/out',
            },
          },
          ['/data'],
        );
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect((outside as ApiError).code).toBe(StatusCode.INVALID_ARGUMENT);
    expect(violations(outside)).toEqual([
      'job.prediction_input.input_paths[0]',
      'job.prediction_input.output_path',
      'job.prediction_input.uri',
    ]);
  });

  it('reads batch sizes and worker counts as int64 strings, refusing out-of-range ones', () => {
    expect(
      validateNewJob({ jobId: 'j', predictionInput: { ...input, batchSize: '500', maxWorkerCount: '3' } })
        .spec,
    ).toMatchObject({
      batchSize: 500,
      maxWorkerCount: 3,
    });
    expect(() => validateNewJob({ jobId: 'j', predictionInput: { ...input, batchSize: '10001' } })).toThrow(
      /batch_size Error: Must be an integer from 1 to 10000/,
    );
  });
});

it('treats directory prefixes on path boundaries only', () => {
  expect(isWithin('/data/x', ['/data'])).toBe(true);
  expect(isWithin('/data', ['/data'])).toBe(true);
  expect(isWithin('/database/x', ['/data'])).toBe(false);
  expect(isWithin('/anything', [])).toBe(true);
});
