import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { encodeModel } from '@presage/model-fixtures';
import type { IrisSamples, IrisWeights } from './iris-model';
import { IRIS_MODEL_DIR, irisGraph, readIrisJson } from './iris-model';
import { checkSamples } from './sample-check';

describe('bundled iris model', () => {
  let session: ort.InferenceSession;
  beforeAll(async () => {
    session = await ort.InferenceSession.create(join(IRIS_MODEL_DIR, 'model.onnx'));
  });
  afterAll(async () => {
    await session.release();
  });

  it('exposes x → probabilities, class', () => {
    expect(session.inputNames).toEqual(['x']);
    expect(session.outputNames).toEqual(['probabilities', 'class']);
  });

  it("matches sklearn's probabilities (within 1e-5) and classes on samples.json", async () => {
    const check = await checkSamples(session, readIrisJson<IrisSamples>('samples.json'));
    expect(check.classMismatches).toEqual([]);
    expect(check.maxProbabilityError).toBeLessThan(1e-5);
  });

  it('is up to date with weights.json (build-onnx.ts gives the committed bytes)', () => {
    const rebuilt = Buffer.from(encodeModel(irisGraph(readIrisJson<IrisWeights>('weights.json'))));
    expect(rebuilt.equals(readFileSync(join(IRIS_MODEL_DIR, 'model.onnx')))).toBe(true);
  });

  it('records lineage with a sha256 dataset digest and test metrics', () => {
    const lineage = JSON.parse(readFileSync(join(IRIS_MODEL_DIR, 'lineage.json'), 'utf8'));
    expect(lineage.trainedBy).toBe('tools/iris/train.py');
    expect(lineage.trainingDatasets[0].digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(lineage.evaluationMetrics.accuracy).toBeGreaterThan(0.9);
    expect(lineage.source.trainingRunId).toMatch(/^iris-[0-9a-f]{12}$/);
  });
});
