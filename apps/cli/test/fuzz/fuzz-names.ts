import fs from 'node:fs';
import path from 'node:path';
import { nastyString } from './fuzz-values';
import type { SeededRandom } from './seeded-random';

/**
 * Resource names and paths for generated requests. Methods that change things only ever name the fuzz
 * project (never the demo model, which must keep serving) and only paths that do not exist (a version
 * or a batch job must never read a real directory such as `/`).
 */
export class FuzzNames {
  constructor(
    private readonly random: SeededRandom,
    /** The one directory batch jobs may use (PRESAGE_ALLOWED_PATHS); it stays empty. */
    private readonly batchRoot: string,
  ) {}

  /** A resource name for the field `field`; `mutating` methods never get the demo's names. */
  name(field: string, mutating: boolean): string {
    const r = this.random;
    if (r.chance(0.25)) return this.brokenName();
    const project = mutating || r.chance(0.5) ? 'fuzz' : 'demo';
    const model = project === 'demo' ? 'iris' : `m${r.int(3)}`;
    const version = project === 'demo' ? 'v1' : `v${r.int(3)}`;
    const kind = /parent/.test(field) ? r.pick(['project', 'model', 'version']) : this.kindOf(field);
    switch (kind) {
      case 'project':
        return `projects/${project}`;
      case 'model':
        return `projects/${project}/models/${model}`;
      case 'operation':
        return `projects/${project}/operations/${r.pick(['create_m0_v0-1', 'x', 'delete_m1-2'])}`;
      case 'job':
        return `projects/fuzz/jobs/j${r.int(3)}`;
      default:
        return `projects/${project}/models/${model}/versions/${version}`;
    }
  }

  /** A short id for `model.name`, `version.name`, `job.job_id`. */
  id(): string {
    const r = this.random;
    return r.chance(0.7) ? `${r.pick(['m', 'v', 'j'])}${r.int(3)}` : nastyString(r);
  }

  /** A URI or path that is never a real directory. */
  uri(): string {
    const r = this.random;
    const candidates = [
      'file:///nonexistent-fuzz/model',
      '/nonexistent-fuzz/model',
      'http://127.0.0.1:1/model.onnx',
      `${this.batchRoot}/missing-${r.int(5)}`,
      `${this.batchRoot}/*.json`,
      `file://${this.batchRoot}/out`,
      nastyString(r),
    ];
    return safePath(r.pick(candidates), this.batchRoot);
  }

  private kindOf(field: string): string {
    if (/operation/.test(field)) return 'operation';
    if (/job/.test(field)) return 'job';
    if (/version/.test(field)) return 'version';
    if (/model/.test(field)) return 'model';
    return this.random.pick(['project', 'model', 'version', 'operation', 'job']);
  }

  private brokenName(): string {
    const r = this.random;
    const segment = nastyString(r);
    return r.pick([
      segment,
      `projects/${segment}`,
      `projects/fuzz/models/${segment}`,
      `projects/fuzz/models/m0/versions/${segment}`,
      `projects/fuzz/operations/${segment}`,
      `projects/fuzz/jobs/${segment}`,
      `projects//models/`,
      `projects/fuzz/models/m0/versions/v0/extra`,
    ]);
  }
}

/** `value`, unless it names an existing local path outside the (empty) batch root: then one that does not exist. */
export function safePath(value: string, batchRoot: string): string {
  const local = value.startsWith('file://') ? value.slice('file://'.length) : value;
  if (path.resolve(local).startsWith(`${batchRoot}/`)) return value;
  try {
    fs.statSync(path.resolve(local.replace(/\*.*$/, '')));
    return '/nonexistent-fuzz/replaced';
  } catch {
    return value;
  }
}
