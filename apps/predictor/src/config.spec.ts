import { loadPredictorConfig } from './config';

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

  it('lists every problem at once', () => {
    expect(() => loadPredictorConfig({ PRESAGE_PREDICTOR_PACKAGE_DIRS: '"/p"' })).toThrow(
      'Invalid predictor configuration:\n  PRESAGE_PREDICTOR_MODEL_DIR is required: the directory holding the model (e.g. model.onnx)\n' +
        '  PRESAGE_PREDICTOR_PACKAGE_DIRS must be a JSON array of directories, got "\\"/p\\""',
    );
  });
});
