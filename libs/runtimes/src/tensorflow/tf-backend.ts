import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { Logger } from '@presage/log';

/** Where TF.js runs: native libtensorflow (`@tensorflow/tfjs-node`) or WebAssembly. */
export type TensorflowBackend = 'node' | 'wasm';

/** What `@tensorflow/tfjs-node` adds that Presage uses: SavedModel loading. */
export interface TfjsNode {
  node: {
    getMetaGraphsFromSavedModel(path: string): Promise<SavedModelMetaGraph[]>;
    loadSavedModel(path: string, tags?: string[], signature?: string): Promise<TfSavedModel>;
  };
}

export interface SavedModelTensorInfo {
  name: string;
  shape?: number[];
  dtype: string;
  tfDtype?: string;
}

export interface SavedModelMetaGraph {
  tags: string[];
  signatureDefs: Record<
    string,
    { inputs: Record<string, SavedModelTensorInfo>; outputs: Record<string, SavedModelTensorInfo> }
  >;
}

export interface TfSavedModel {
  predict(inputs: tf.NamedTensorMap): tf.NamedTensorMap | tf.Tensor | tf.Tensor[];
  dispose(): void;
}

interface Selection {
  backend: TensorflowBackend;
  native: TfjsNode | undefined;
  ready: Promise<void>;
}

let selection: Selection | undefined;

/** The package that gives the native backend; a user installs it where libtensorflow can be downloaded. */
export const TFJS_NODE = '@tensorflow/tfjs-node';

/**
 * Picks the backend once per process: tfjs-node when `require` finds it (it registers itself as
 * 'tensorflow'), else WASM (single-threaded, binaries from the package's dist dir in node_modules).
 */
export function selectBackend(logger: Logger): Selection {
  if (selection) return selection;
  const native = requireTfjsNode(logger);
  const backend: TensorflowBackend = native ? 'node' : 'wasm';
  const ready = native ? useBackend('tensorflow') : useWasm();
  selection = { backend, native, ready };
  ready.then(
    () => logger.info('TensorFlow.js backend ready', { backend: tf.getBackend() }),
    (error: unknown) => logger.error('TensorFlow.js backend failed', { error: String(error) }),
  );
  return selection;
}

/** `tensorflow-node` or `tensorflow-wasm`, as models loaded in this process report their runtime. */
export function runtimeName(backend: TensorflowBackend): string {
  return `tensorflow-${backend}`;
}

function requireTfjsNode(logger: Logger): TfjsNode | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const native = require(TFJS_NODE) as TfjsNode;
    logger.info('TensorFlow.js uses the native backend', { package: TFJS_NODE });
    return native;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'MODULE_NOT_FOUND') {
      logger.warn(`${TFJS_NODE} is installed but does not load; using WebAssembly`, {
        error: String(error),
      });
    } else {
      logger.info(`TensorFlow.js uses WebAssembly (${TFJS_NODE} is not installed)`);
    }
    return undefined;
  }
}

async function useWasm(): Promise<void> {
  const dist = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
  setWasmPaths(`${dist}/`);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  await useBackend('wasm');
}

async function useBackend(name: string): Promise<void> {
  if (!(await tf.setBackend(name))) throw new Error(`TensorFlow.js could not start its ${name} backend`);
  await tf.ready();
}
