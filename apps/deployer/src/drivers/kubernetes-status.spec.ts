import type { V1Job, V1Pod } from '@kubernetes/client-node' with { 'resolution-mode': 'import' };
import { failureMessage, jobFailure, jobPhase, podFailure, predictorEvent } from './kubernetes-status';

const FAILED_LINE = JSON.stringify({
  event: 'failed',
  error: '/models/m/model.onnx is not a valid ONNX model',
});
const LOG_LINE = JSON.stringify({
  level: 'error',
  message: 'model failed to load',
  error: { message: 'parse error' },
});

function pod(status: V1Pod['status']): V1Pod {
  return { metadata: { name: 'presage-m-v1-abc-xyz' }, status };
}

describe('the reason a predictor pod gives', () => {
  it("is the predictor's failed line in the log tail FallbackToLogsOnError keeps", () => {
    expect(failureMessage(`${LOG_LINE}\n${FAILED_LINE}\n`)).toBe(
      '/models/m/model.onnx is not a valid ONNX model',
    );
  });

  it('falls back to the last log line: its error, or its text when the tail cut the JSON', () => {
    expect(failureMessage(`starting\n${LOG_LINE}`)).toBe('parse error');
    expect(failureMessage('…valid ONNX model"}')).toBe('…valid ONNX model"}');
    expect(failureMessage('')).toBeUndefined();
  });

  it('reads a crash loop from the last termination, and names OOM kills and image problems', () => {
    const crashLooping = pod({
      phase: 'Running',
      containerStatuses: [
        {
          name: 'predictor',
          image: 'presage',
          imageID: '',
          ready: false,
          restartCount: 3,
          state: { waiting: { reason: 'CrashLoopBackOff' } },
          lastState: { terminated: { exitCode: 3, message: FAILED_LINE } },
        },
      ],
    });
    expect(podFailure(crashLooping)).toBe('/models/m/model.onnx is not a valid ONNX model');
    const oom = pod({
      containerStatuses: [
        {
          name: 'predictor',
          image: 'presage',
          imageID: '',
          ready: false,
          restartCount: 0,
          state: { terminated: { exitCode: 137, reason: 'OOMKilled' } },
        },
      ],
    });
    expect(podFailure(oom)).toMatch(/OOMKilled.*PRESAGE_PREDICTOR_MEMORY_LIMIT/);
    const pull = pod({
      containerStatuses: [
        {
          name: 'predictor',
          image: 'presage',
          imageID: '',
          ready: false,
          restartCount: 0,
          state: {
            waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "presage:nope"' },
          },
        },
      ],
    });
    expect(podFailure(pull)).toMatch(
      /cannot start \(ImagePullBackOff\): Back-off pulling image "presage:nope"/,
    );
  });

  it('is nothing for a pod that starts, or runs again after a restart', () => {
    expect(podFailure(pod({ phase: 'Pending' }))).toBeUndefined();
    const recovered = pod({
      phase: 'Running',
      containerStatuses: [
        {
          name: 'predictor',
          image: 'presage',
          imageID: '',
          ready: true,
          restartCount: 1,
          state: { running: {} },
          lastState: { terminated: { exitCode: 137, reason: 'OOMKilled' } },
        },
      ],
    });
    expect(podFailure(recovered)).toBeUndefined();
  });

  it('tells a loaded predictor from a failed one by its stdout line among the logs', () => {
    expect(predictorEvent(`${LOG_LINE}\n{"event":"ready","address":"0.0.0.0:8500"}\n`)).toEqual({
      loaded: true,
    });
    expect(predictorEvent(`${LOG_LINE}\n${FAILED_LINE}`)).toEqual({
      loaded: false,
      error: '/models/m/model.onnx is not a valid ONNX model',
    });
    expect(predictorEvent(LOG_LINE)).toBeUndefined();
  });
});

describe('a batch workers Job', () => {
  it('is running, complete or failed by its conditions', () => {
    expect(jobPhase({ status: {} })).toBe('running');
    expect(jobPhase({ status: { conditions: [{ type: 'Complete', status: 'True' }] } })).toBe('complete');
    expect(jobPhase({ status: { conditions: [{ type: 'FailureTarget', status: 'True' }] } })).toBe('failed');
  });

  it("fails with a worker's own message, else with the Job's condition", () => {
    const job: V1Job = {
      metadata: { name: 'presage-job-j-abc' },
      status: {
        conditions: [
          {
            type: 'Failed',
            status: 'True',
            reason: 'BackoffLimitExceeded',
            message: 'Job has reached the specified backoff limit',
          },
        ],
      },
    };
    const worker = pod({
      phase: 'Failed',
      containerStatuses: [
        {
          name: 'worker',
          image: 'presage',
          imageID: '',
          ready: false,
          restartCount: 0,
          state: { terminated: { exitCode: 3, message: FAILED_LINE } },
        },
      ],
    });
    expect(jobFailure(job, [worker])).toBe('/models/m/model.onnx is not a valid ONNX model');
    expect(jobFailure(job, [])).toMatch(
      /Job presage-job-j-abc failed: Job has reached the specified backoff limit/,
    );
  });
});
