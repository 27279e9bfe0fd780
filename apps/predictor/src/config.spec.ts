import { loadPredictorConfig } from './config';

const CREDENTIAL = 'c'.repeat(64);

describe('the predictor configuration', () => {
  it('reads how to load the model: framework, prediction class, package dirs, signature', () => {
    const config = loadPredictorConfig({
      PRESAGE_PREDICTOR_MODEL_DIR: '/m',
      PRESAGE_PREDICTOR_FRAMEWORK: 'TENSORFLOW',
      PRESAGE_PREDICTOR_PREDICTION_CLASS: 'predictor.js#Predictor',
      PRESAGE_PREDICTOR_PACKAGE_DIRS: '["/p1", "/p2"]',
      PRESAGE_PREDICTOR_SIGNATURE_NAME: 'serving_default',
    });
    expect(config).toMatchObject({
      modelDir: '/m',
      framework: 'TENSORFLOW',
      predictionClass: 'predictor.js#Predictor',
      packageDirs: ['/p1', '/p2'],
      signatureName: 'serving_default',
    });
    expect(loadPredictorConfig({ PRESAGE_PREDICTOR_MODEL_DIR: '/m' })).toMatchObject({
      framework: '',
      predictionClass: '',
      packageDirs: [],
      signatureName: '',
    });
  });

  it('serves /metrics on a free loopback port, on all interfaces when gRPC is, or where it is told', () => {
    expect(loadPredictorConfig({ PRESAGE_PREDICTOR_MODEL_DIR: '/m' }).metricsAddress).toBe('127.0.0.1:0');
    expect(
      loadPredictorConfig({
        PRESAGE_PREDICTOR_MODEL_DIR: '/m',
        PRESAGE_PREDICTOR_ADDRESS: '0.0.0.0:0',
        PRESAGE_INTERNAL_CREDENTIAL: CREDENTIAL,
      }).metricsAddress,
    ).toBe('0.0.0.0:0');
    const config = loadPredictorConfig({
      PRESAGE_PREDICTOR_MODEL_DIR: '/m',
      PRESAGE_PREDICTOR_METRICS_ADDRESS: '0.0.0.0:9464',
      PRESAGE_PREDICTOR_REPLICA: 'projects/p/models/m/versions/v/replicas/0',
      PRESAGE_OTLP_ENDPOINT: 'http://127.0.0.1:8094',
    });
    expect(config).toMatchObject({
      metricsAddress: '0.0.0.0:9464',
      replica: 'projects/p/models/m/versions/v/replicas/0',
      telemetry: { otlpEndpoint: 'http://127.0.0.1:8094', exportIntervalMs: 1000 },
    });
  });

  it('refuses to serve on all interfaces without the internal credential; a batch worker serves nothing', () => {
    expect(() =>
      loadPredictorConfig({ PRESAGE_PREDICTOR_MODEL_DIR: '/m', PRESAGE_PREDICTOR_ADDRESS: '0.0.0.0:8500' }),
    ).toThrow(/PRESAGE_PREDICTOR_ADDRESS \(0\.0\.0\.0:8500\) is reachable from other machines/);
    const worker = loadPredictorConfig({
      PRESAGE_PREDICTOR_MODEL_DIR: '/m',
      PRESAGE_PREDICTOR_ADDRESS: '0.0.0.0:0',
      PRESAGE_PREDICTOR_MODE: 'batch',
      PRESAGE_BATCH_JOB: 'projects/p/jobs/j',
      PRESAGE_BATCH_WORKER: 'projects/p/jobs/j/workers/0',
      PRESAGE_BATCH_ADDRESS: '127.0.0.1:8093',
    });
    expect(worker.internalCredential).toBeUndefined();
  });

  it('lists every problem at once', () => {
    expect(() => loadPredictorConfig({ PRESAGE_PREDICTOR_PACKAGE_DIRS: '"/p"' })).toThrow(
      'Invalid predictor configuration:\n  PRESAGE_PREDICTOR_MODEL_DIR is required: the directory holding the model (e.g. model.onnx)\n' +
        '  PRESAGE_PREDICTOR_PACKAGE_DIRS must be a JSON array of directories, got "\\"/p\\""',
    );
  });
});
