import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defaultRuntimes } from '../default-runtimes';
import { ModelLoadError } from '../model-runtime';
import { SKLEARN_GUIDANCE, XGBOOST_GUIDANCE } from './refused-runtime';

const XGBOOST_MODEL = resolve(__dirname, '../../../../tools/xgboost/models/binary-logistic/model.json');

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'presage-refused-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A directory holding `files` (name → content). */
async function dirWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(root, 'model-'));
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return dir;
}

// Pickles hold the module names of the classes they rebuild; enough for telling the libraries apart.
const SKLEARN_PICKLE = '\x80\x04\x95sklearn.linear_model._logistic\x94LogisticRegression\x94';
const XGBOOST_PICKLE = '\x80\x04\x95xgboost.core\x94Booster\x94';

describe('refused artifacts', () => {
  it.each([
    [
      'model.bst',
      '',
      undefined,
      `model.bst is an XGBoost binary model, which Presage does not load: ${XGBOOST_GUIDANCE}.`,
    ],
    [
      'model.ubj',
      '',
      'XGBOOST',
      `model.ubj is an XGBoost binary model, which Presage does not load: ${XGBOOST_GUIDANCE}.`,
    ],
    [
      'model.pkl',
      'opaque',
      'XGBOOST',
      `model.pkl is a pickle (pickle) of an XGBoost model, which Presage does not load: ${XGBOOST_GUIDANCE}.`,
    ],
    [
      'model.joblib',
      'opaque',
      'SCIKIT_LEARN',
      `model.joblib is a pickle (joblib) of a scikit-learn model: ${SKLEARN_GUIDANCE}.`,
    ],
    [
      'model.pkl',
      SKLEARN_PICKLE,
      undefined,
      `model.pkl is a pickle (pickle) of a scikit-learn model: ${SKLEARN_GUIDANCE}.`,
    ],
    [
      'model.joblib',
      XGBOOST_PICKLE,
      undefined,
      `model.joblib is a pickle (joblib) of an XGBoost model, which Presage does not load: ${XGBOOST_GUIDANCE}.`,
    ],
    [
      'model.pkl',
      'opaque',
      undefined,
      `model.pkl is a pickle (pickle); Presage does not load pickles, they can run arbitrary code. For scikit-learn, ${SKLEARN_GUIDANCE}. For XGBoost, ${XGBOOST_GUIDANCE}.`,
    ],
  ])('refuses %s (case %#) saying what to do', async (file, content, framework, message) => {
    const dir = await dirWith({ [file]: content });
    expect(await defaultRuntimes.detect(dir, { framework })).toBe('refused');
    const failure = defaultRuntimes.load(dir, { framework });
    await expect(failure).rejects.toBeInstanceOf(ModelLoadError);
    await expect(failure).rejects.toThrow(`${dir}/${message}`);
  });

  it('names the JSON format and ONNX export in the guidance', () => {
    expect(XGBOOST_GUIDANCE).toContain("booster.save_model('model.json') (the JSON format)");
    expect(SKLEARN_GUIDANCE).toContain(
      'export the model to ONNX (skl2onnx: to_onnx(model, X[:1]) → model.onnx) — pickles are not loaded, they can run arbitrary code',
    );
  });

  it('lets a servable model beside a pickle win', async () => {
    const dir = await dirWith({ 'model.bst': '' });
    await cp(XGBOOST_MODEL, join(dir, 'model.json'));
    await expect(defaultRuntimes.detect(dir)).resolves.toBe('xgboost');
    await expect(defaultRuntimes.detect(dir, { framework: 'XGBOOST' })).resolves.toBe('xgboost');
  });
});
