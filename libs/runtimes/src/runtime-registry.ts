import { readdir } from 'node:fs/promises';
import type { LoadOptions, LoadedModel, ModelRuntime } from './model-runtime';
import { ModelLoadError } from './model-runtime';
import { unreadableReason } from './fs-reasons';

/** A runtime and the artifact files that select it. */
export interface RuntimeRegistration {
  /** e.g. 'onnx'. */
  name: string;
  /** File names in the artifact directory that mean "this runtime", e.g. ['model.onnx']. */
  markers: string[];
  /** The Version.framework values this runtime serves, e.g. ['ONNX', 'SCIKIT_LEARN']. */
  frameworks: string[];
  /**
   * For a marker several runtimes share (TF.js and XGBoost both write model.json): whether `dir`, holding
   * `files`, is this runtime's model. Without it, a marker file alone decides.
   */
  matches?(dir: string, files: string[]): Promise<boolean>;
  /**
   * Whether the version's options alone choose this runtime, whatever the files (a custom prediction
   * routine is chosen by `predictionClass`). Checked before any marker.
   */
  chosenBy?(options: LoadOptions): boolean;
  /**
   * false: only a version whose framework is one of `frameworks` selects this runtime, never the files
   * alone (scikit-learn's view of a model.onnx, which detection leaves to the onnx runtime).
   * @default true
   */
  detectable?: boolean;
  /**
   * Named in "Presage looks for" messages. False for formats recognised only to be refused with advice
   * (pickles). @default true
   */
  listed?: boolean;
  /** Builds the runtime on first use (so an unused runtime's native module is never loaded). */
  create(): ModelRuntime;
}

export interface RuntimeRegistry {
  /** Registered names in detection order. */
  names(): string[];
  /** The runtime called `name`; throws listing the valid names. */
  get(name: string): ModelRuntime;
  /**
   * The runtime for `dir`: among those serving `options.framework` when it is set, the first whose marker
   * (and `matches`) fits; throws a ModelLoadError saying what it looked for or what the framework expects.
   */
  detect(dir: string, options?: LoadOptions): Promise<string>;
  /** detect() then load(). */
  load(dir: string, options?: LoadOptions): Promise<LoadedModel>;
}

export function createRuntimeRegistry(registrations: readonly RuntimeRegistration[]): RuntimeRegistry {
  const created = new Map<string, ModelRuntime>();
  const registration = (name: string): RuntimeRegistration => {
    const found = registrations.find((r) => r.name === name);
    if (!found) {
      const valid = registrations.map((r) => r.name).join(', ');
      throw new Error(`Unknown model runtime "${name}"; the runtimes are: ${valid}`);
    }
    return found;
  };
  const get = (name: string): ModelRuntime => {
    let runtime = created.get(name);
    if (!runtime) {
      runtime = registration(name).create();
      created.set(name, runtime);
    }
    return runtime;
  };
  const detect = async (dir: string, options: LoadOptions = {}): Promise<string> => {
    const chosen = registrations.find((r) => r.chosenBy?.(options));
    if (chosen) return chosen.name;
    const files = await listDir(dir, registrations);
    const framework =
      options.framework && options.framework !== 'FRAMEWORK_UNSPECIFIED' ? options.framework : undefined;
    const candidates = framework
      ? registrations.filter((r) => r.frameworks.includes(framework))
      : registrations.filter((r) => r.detectable !== false);
    if (framework && candidates.length === 0) {
      const known = [...new Set(registrations.flatMap((r) => r.frameworks))].join(', ');
      throw new ModelLoadError(`Framework ${framework} is not supported; Presage serves: ${known}.`);
    }
    for (const candidate of candidates) {
      if (!candidate.markers.some((marker) => files.includes(marker))) continue;
      if (!candidate.matches || (await candidate.matches(dir, files))) return candidate.name;
    }
    if (framework) {
      const wanted = candidates
        .filter((r) => r.markers.length > 0 && r.listed !== false)
        .map((r) => r.markers.join(' or '))
        .join(', or ');
      const other = await detect(dir).catch(() => undefined);
      throw new ModelLoadError(
        `The version's framework is ${framework}, which needs ${wanted} in ${dir}, but ${describeListing(files)}` +
          (other
            ? ` (a ${other} model): set framework to match the model, or leave it unset to detect it.`
            : '.'),
      );
    }
    throw noModelError(dir, registrations, describeListing(files));
  };
  return {
    names: () => registrations.map((r) => r.name),
    get,
    detect,
    load: async (dir, options) => get(await detect(dir, options)).load(dir, options),
  };
}

async function listDir(dir: string, registrations: readonly RuntimeRegistration[]): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch (error) {
    throw noModelError(dir, registrations, unreadableReason(error, 'directory', dir));
  }
}

function noModelError(
  dir: string,
  registrations: readonly RuntimeRegistration[],
  reason: string,
): ModelLoadError {
  const shown = registrations.filter(
    (r) => r.markers.length > 0 && r.detectable !== false && r.listed !== false,
  );
  const markers = [...new Set(shown.flatMap((r) => r.markers))];
  const supported = shown.map((r) => `${r.markers.join(' or ')} (${r.name})`).join(', ');
  return new ModelLoadError(
    `No ${markers.join(' or ')} in ${dir}: ${reason}. Presage looks for: ${supported}`,
  );
}

function describeListing(files: string[]): string {
  if (files.length === 0) return 'the directory is empty';
  const shown = files.slice(0, 10).join(', ');
  return `the directory holds ${shown}${files.length > 10 ? `, … (${files.length} files)` : ''}`;
}
