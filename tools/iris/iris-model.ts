import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GraphSpec } from '@presage/model-fixtures';
import { floatTensor } from '@presage/model-fixtures';

/** tools/iris/model: weights.json, lineage.json, samples.json (from train.py) and model.onnx (from build-onnx.ts). */
export const IRIS_MODEL_DIR = join(__dirname, 'model');

/** What train.py writes to weights.json. */
export interface IrisWeights {
  featureNames: string[];
  classes: number[];
  classNames: string[];
  /** [classes][features], as sklearn's `coef_`. */
  coef: number[][];
  intercept: number[];
}

/** What train.py writes to samples.json: test-split rows with sklearn's own outputs. */
export interface IrisSamples {
  instances: number[][];
  probabilities: number[][];
  classes: number[];
  classNames: string[];
}

export function readIrisJson<T>(name: 'weights.json' | 'samples.json'): T {
  return JSON.parse(readFileSync(join(IRIS_MODEL_DIR, name), 'utf8')) as T;
}

/**
 * x float32 [N,4] → probabilities float32 [N,3] = Softmax(x·coefᵀ + intercept), class int64 [N] = ArgMax.
 * ArgMax yields the class index, which is the class itself because sklearn's iris classes are 0..2.
 */
export function irisGraph(weights: IrisWeights): GraphSpec {
  const nFeatures = weights.featureNames.length;
  const nClasses = weights.classes.length;
  if (!weights.classes.every((c, i) => c === i)) {
    throw new Error(`Expected classes 0..${nClasses - 1}, got ${JSON.stringify(weights.classes)}`);
  }
  const w = new Float32Array(nFeatures * nClasses); // [features, classes]: coef transposed
  weights.coef.forEach((row, c) => {
    if (row.length !== nFeatures)
      throw new Error(`coef row ${c} has ${row.length} values, want ${nFeatures}`);
    row.forEach((v, f) => (w[f * nClasses + c] = v));
  });
  return {
    name: 'iris_logistic_regression',
    docString: `Multinomial logistic regression on iris (${weights.featureNames.join(', ')}) → ${weights.classNames.join(', ')}`,
    inputs: [{ name: 'x', dtype: 'float32', shape: ['N', nFeatures] }],
    outputs: [
      { name: 'probabilities', dtype: 'float32', shape: ['N', nClasses] },
      { name: 'class', dtype: 'int64', shape: ['N'] },
    ],
    nodes: [
      { opType: 'MatMul', inputs: ['x', 'coef'], outputs: ['xw'] },
      { opType: 'Add', inputs: ['xw', 'intercept'], outputs: ['logits'] },
      { opType: 'Softmax', inputs: ['logits'], outputs: ['probabilities'], attributes: { axis: { int: 1 } } },
      {
        opType: 'ArgMax',
        inputs: ['logits'],
        outputs: ['class'],
        attributes: { axis: { int: 1 }, keepdims: { int: 0 } },
      },
    ],
    initializers: [
      floatTensor('coef', [nFeatures, nClasses], w),
      floatTensor('intercept', [nClasses], weights.intercept),
    ],
  };
}
