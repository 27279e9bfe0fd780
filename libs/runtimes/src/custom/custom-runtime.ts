import { errorMessage } from '@presage/errors';
import type { LoadOptions, LoadedModel, ModelRuntime } from '../model-runtime';
import { ModelLoadError, ModelRunError } from '../model-runtime';
import type { RoutineReference } from './routine-module';
import {
  exportedClass,
  findRoutineModule,
  importRoutineModule,
  parsePredictionClass,
} from './routine-module';

/** What `static async load(artifactDir)` of a routine's class must return. */
interface RoutineInstance {
  predict(instances: unknown[], options: Record<string, unknown>): unknown;
  close?(): unknown;
  /** true: concurrent requests with the same options may arrive as one predict call. */
  batching?: unknown;
}

/**
 * Custom prediction routines: `predictionClass` (`module#ClassName`) names a class in the version's
 * packages with `static async load(artifactDir)`, whose instance's `predict(instances, options)` returns
 * one prediction per instance. It takes JSON instances as they are (predictInstances); run() rejects.
 * The user's code runs in this process, which serves only its own version.
 */
export function createCustomRuntime(): ModelRuntime {
  return {
    name: 'custom',
    load: async (artifactDir, options: LoadOptions = {}) => {
      if (!options.predictionClass) {
        throw new ModelLoadError(
          'The custom runtime needs the version\'s predictionClass ("module#ClassName") and packageUris.',
        );
      }
      const reference = parsePredictionClass(options.predictionClass);
      const file = await findRoutineModule(reference, options.packageDirs ?? []);
      const routine = exportedClass(await importRoutineModule(file), reference);
      const instance = await loadInstance(routine, reference, artifactDir);
      return loadedRoutine(instance, reference);
    },
  };
}

async function loadInstance(
  routine: Record<string, unknown>,
  reference: RoutineReference,
  artifactDir: string,
): Promise<RoutineInstance> {
  const { className } = reference;
  const load = routine['load'];
  if (typeof load !== 'function') {
    throw new ModelLoadError(
      `${className} in ${reference.modulePath} has no static load(artifactDir): add ` +
        `"static async load(artifactDir) { ...; return new ${className}(...); }" that reads the model ` +
        'from artifactDir.',
    );
  }
  let instance: unknown;
  try {
    instance = await (load as (dir: string) => unknown).call(routine, artifactDir);
  } catch (error) {
    throw new ModelLoadError(
      `${className}.load(artifactDir) failed: ${errorMessage(error)}. Fix the routine or the files in ` +
        `deploymentUri (loaded from ${artifactDir}).`,
      { cause: error },
    );
  }
  if (
    typeof instance !== 'object' ||
    instance === null ||
    typeof (instance as Partial<RoutineInstance>).predict !== 'function'
  ) {
    throw new ModelLoadError(
      `${className}.load(artifactDir) returned ${describeValue(instance)}, not an object with a ` +
        `predict(instances, options) method: return an instance of ${className}.`,
    );
  }
  return instance as RoutineInstance;
}

function loadedRoutine(instance: RoutineInstance, reference: RoutineReference): LoadedModel {
  const { className } = reference;
  return {
    runtime: 'custom',
    signature: { inputs: [], outputs: [] },
    mergesRequests: instance.batching === true,
    run: () =>
      Promise.reject(
        new ModelRunError(
          `${className} is a custom prediction routine: it takes JSON instances, not tensors.`,
        ),
      ),
    predictInstances: async (instances, options) => {
      let predictions: unknown;
      try {
        predictions = await instance.predict(instances, options);
      } catch (error) {
        throw new ModelRunError(errorMessage(error), { cause: error });
      }
      if (!Array.isArray(predictions)) {
        throw new ModelRunError(
          `${className}.predict returned ${describeValue(predictions)}; it must return a list with one prediction per instance.`,
        );
      }
      if (predictions.length !== instances.length) {
        throw new ModelRunError(
          `${className}.predict returned ${predictions.length} predictions for ${instances.length} instances; ` +
            'it must return one prediction per instance, in order.',
        );
      }
      return predictions as unknown[];
    },
    close: async () => {
      if (typeof instance.close === 'function') await instance.close();
    },
  };
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value}`;
}
