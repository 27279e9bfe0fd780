import fs from 'node:fs/promises';
import path from 'node:path';
import type { EnvReader } from './env-reader';

/** The variable naming the directories the platform may read model files and batch data from. */
export const ALLOWED_PATHS_ENV = 'PRESAGE_ALLOWED_PATHS';
/** Its name before it covered versions too; refused with a message saying to rename it. */
const REPLACED_ENV = 'PRESAGE_BATCH_ALLOWED_PATHS';

/**
 * The directories (PRESAGE_ALLOWED_PATHS, `:`-separated, absolute) that `deploymentUri`, `packageUris`
 * and batch input, model and output paths must lie under. None configured: any path is allowed (the
 * loopback default of `npm start`).
 */
export class AllowedPaths {
  readonly roots: readonly string[];

  constructor(roots: readonly string[]) {
    this.roots = roots.map((root) => path.resolve(root));
  }

  /** Any path is allowed. */
  get unrestricted(): boolean {
    return this.roots.length === 0;
  }

  /** Whether `file` (made absolute, `..` resolved, links not followed) lies under a root. */
  contains(file: string): boolean {
    if (this.unrestricted) return true;
    const resolved = path.resolve(file);
    return this.roots.some(
      (root) => resolved === root || resolved.startsWith(root.endsWith('/') ? root : `${root}/`),
    );
  }

  /**
   * Whether `file` lies under a root once every symbolic link on its way is followed. A path that does
   * not exist is judged as written (whoever reads it next reports that it does not exist).
   */
  async containsReal(file: string): Promise<boolean> {
    if (this.unrestricted) return true;
    const real = await fs.realpath(file).catch(() => undefined);
    return this.contains(real ?? file);
  }

  /** Why a path outside the roots is refused; names no more of the host than the roots themselves. */
  refusal(what: string): string {
    return `${what} is outside the directories this platform may read and write (${ALLOWED_PATHS_ENV}: ${this.roots.join(':')}). Move the files under one of them, or ask the operator to add a directory.`;
  }
}

/**
 * PRESAGE_ALLOWED_PATHS, with a problem for a relative directory or the replaced variable. Unset, any
 * path is allowed, except with PRESAGE_AUTH=required (a platform on a network): then only $PRESAGE_HOME.
 */
export function readAllowedPaths(reader: EnvReader): AllowedPaths {
  if (reader.optionalText(REPLACED_ENV) !== undefined) {
    reader.check(
      false,
      `${REPLACED_ENV} was replaced by ${ALLOWED_PATHS_ENV}, which covers versions too: rename it`,
    );
  }
  const roots = reader.text(ALLOWED_PATHS_ENV, '').split(':').filter(Boolean);
  if (roots.length === 0 && reader.optionalText('PRESAGE_AUTH') === 'required') {
    roots.push(path.resolve(reader.text('PRESAGE_HOME', './.presage')));
  }
  for (const root of roots) {
    reader.check(path.isAbsolute(root), `${ALLOWED_PATHS_ENV} must list absolute directories, got "${root}"`);
  }
  return new AllowedPaths(roots.filter((root) => path.isAbsolute(root)));
}

/** Why a custom prediction routine is refused where routines are turned off. */
export const ROUTINES_OFF =
  "Custom prediction routines are turned off on this platform (PRESAGE_CUSTOM_ROUTINES=false): their code would run with the server's rights. Deploy the model as ONNX, TensorFlow, XGBoost or scikit-learn, or ask the operator to turn routines on.";

/** What a version may use of the host: where its files may lie, and whether it may run its own code. */
export interface Confinement {
  /** PRESAGE_ALLOWED_PATHS. @default anywhere */
  allowedPaths: AllowedPaths;
  /** PRESAGE_CUSTOM_ROUTINES: whether a version or job may have a predictionClass. @default true */
  customRoutines: boolean;
}

export function readConfinement(reader: EnvReader): Confinement {
  return {
    allowedPaths: readAllowedPaths(reader),
    customRoutines: reader.flag('PRESAGE_CUSTOM_ROUTINES', true),
  };
}
