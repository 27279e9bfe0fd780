// Builds tools/iris/model/model.onnx from weights.json and checks it against sklearn's samples.json.
// Usage: node --import tsx tools/iris/build-onnx.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { encodeModel } from '@presage/model-fixtures';
import type { IrisSamples, IrisWeights } from './iris-model';
import { IRIS_MODEL_DIR, irisGraph, readIrisJson } from './iris-model';
import { checkSamples } from './sample-check';

const TOLERANCE = 1e-5;

async function main(): Promise<void> {
  const file = join(IRIS_MODEL_DIR, 'model.onnx');
  writeFileSync(file, encodeModel(irisGraph(readIrisJson<IrisWeights>('weights.json'))));
  const session = await ort.InferenceSession.create(file);
  try {
    const check = await checkSamples(session, readIrisJson<IrisSamples>('samples.json'));
    if (check.maxProbabilityError > TOLERANCE || check.classMismatches.length > 0) {
      throw new Error(`model.onnx disagrees with sklearn: ${JSON.stringify(check)}`);
    }
    console.log(
      `wrote ${file}; max |ORT − sklearn| probability error ${check.maxProbabilityError.toExponential(2)}`,
    );
  } finally {
    await session.release();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
