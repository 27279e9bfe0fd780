import * as ort from 'onnxruntime-node';
import type { IrisSamples } from './iris-model';

export interface SampleCheck {
  /** Largest |ORT − sklearn| over all probabilities. */
  maxProbabilityError: number;
  /** Indices of samples whose ORT class differs from sklearn's. */
  classMismatches: number[];
}

/** Runs the samples through an iris session in one batch and compares with sklearn's outputs. */
export async function checkSamples(
  session: ort.InferenceSession,
  samples: IrisSamples,
): Promise<SampleCheck> {
  const n = samples.instances.length;
  const x = new ort.Tensor('float32', Float32Array.from(samples.instances.flat()), [n, 4]);
  const out = await session.run({ x });
  const probabilities = out['probabilities']!.data as Float32Array;
  const classes = out['class']!.data as BigInt64Array;
  let maxProbabilityError = 0;
  const classMismatches: number[] = [];
  samples.probabilities.forEach((row, i) => {
    row.forEach((p, j) => {
      const error = Math.abs((probabilities[i * row.length + j] ?? NaN) - p);
      maxProbabilityError = Number.isNaN(error) ? Infinity : Math.max(maxProbabilityError, error);
    });
    if (Number(classes[i]) !== samples.classes[i]) classMismatches.push(i);
  });
  return { maxProbabilityError, classMismatches };
}
