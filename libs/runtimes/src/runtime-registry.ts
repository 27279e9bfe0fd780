import { readdir } from 'node:fs/promises';
import type { LoadedModel, ModelRuntime } from './model-runtime';
import { ModelLoadError } from './model-runtime';

/** A runtime and the artifact files that select it. */
export interface RuntimeRegistration {
  /** e.g. 'onnx'. */
  name: string;
  /** File names in the artifact directory that mean "this runtime", e.g. ['model.onnx']. */
  markers: string[];
  /** Builds the runtime on first use (so an unused runtime's native module is never loaded). */
  create(): ModelRuntime;
}

export interface RuntimeRegistry {
  /** Registered names in detection order. */
  names(): string[];
  /** The runtime called `name`; throws listing the valid names. */
  get(name: string): ModelRuntime;
  /** The runtime whose marker file `dir` holds (first registration wins); throws listing what it looked for. */
  detect(dir: string): Promise<string>;
  /** detect() then load(). */
  load(dir: string): Promise<LoadedModel>;
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
  const detect = async (dir: string): Promise<string> => {
    const files = await listDir(dir, registrations);
    const match = registrations.find((r) => r.markers.some((marker) => files.includes(marker)));
    if (!match) throw noModelError(dir, registrations, describeListing(files));
    return match.name;
  };
  return {
    names: () => registrations.map((r) => r.name),
    get,
    detect,
    load: async (dir) => get(await detect(dir)).load(dir),
  };
}

async function listDir(dir: string, registrations: readonly RuntimeRegistration[]): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'the directory does not exist'
        : code === 'ENOTDIR'
          ? 'it is not a directory'
          : `it cannot be read (${(error as Error).message})`;
    throw noModelError(dir, registrations, reason);
  }
}

function noModelError(
  dir: string,
  registrations: readonly RuntimeRegistration[],
  reason: string,
): ModelLoadError {
  const markers = registrations.flatMap((r) => r.markers);
  const supported = registrations.map((r) => `${r.markers.join(' or ')} (${r.name})`).join(', ');
  return new ModelLoadError(
    `No ${markers.join(' or ')} in ${dir}: ${reason}. Presage looks for: ${supported}`,
  );
}

function describeListing(files: string[]): string {
  if (files.length === 0) return 'the directory is empty';
  const shown = files.slice(0, 10).join(', ');
  return `the directory holds ${shown}${files.length > 10 ? `, … (${files.length} files)` : ''}`;
}
