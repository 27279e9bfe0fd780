import { ROUTINES_OFF } from '@presage/env';
import type { Logger } from '@presage/log';
import type { ArtifactStore, StageLabel, StagedArtifacts } from './artifact-store';
import { stagePackage } from './package-source';
import { StagingError } from './staging-error';

/** A model's staged copies: its artifacts and its packageUris (custom prediction routines), in order. */
export interface StagedModel {
  artifacts: StagedArtifacts;
  packages: StagedArtifacts[];
}

/** What to stage for an owner (a version or a batch job). */
export interface ModelSource {
  modelUri: string;
  packageUris: readonly string[];
  /** How staging messages name the model's URI. @default the store's (deploymentUri, model files) */
  label?: StageLabel;
  /** A custom prediction routine's class: the model runs the user's code. @default none */
  predictionClass?: string;
}

export interface StagedModelsOptions {
  /**
   * Whether models with a predictionClass (custom prediction routines, which run the user's code with
   * the server's rights) may be staged (PRESAGE_CUSTOM_ROUTINES). @default true
   */
  customRoutines?: boolean;
}

/**
 * The staged copies of every version and batch job, by owner name (`projects/p/models/m/versions/v`,
 * `projects/p/jobs/j`): each owner's model is staged once and kept until it is released. Garbage
 * collection removes the copies no owner holds, never while a copy is being staged (a stage in progress
 * may have put a copy in the store that it has not recorded yet) and never while an owner that should
 * hold a copy has not staged it yet (after a restart, a served version not reconciled yet).
 */
export class StagedModels {
  private readonly byOwner = new Map<string, StagedModel>();
  private readonly inFlight = new Map<string, Promise<StagedModel>>();
  private staging = 0;
  private collecting: Promise<void> | undefined;

  constructor(
    private readonly store: ArtifactStore,
    private readonly logger: Logger,
    private readonly options: StagedModelsOptions = {},
  ) {}

  /** The owner's staged model, staged now the first time. Every failure is a StagingError. */
  stage(owner: string, source: ModelSource): Promise<StagedModel> {
    if (source.predictionClass && this.options.customRoutines === false) {
      return Promise.reject(new StagingError(ROUTINES_OFF));
    }
    const known = this.byOwner.get(owner);
    if (known) return Promise.resolve(known);
    const running = this.inFlight.get(owner);
    if (running) return running;
    const staged = this.stageNow(owner, source).finally(() => this.inFlight.delete(owner));
    this.inFlight.set(owner, staged);
    return staged;
  }

  /** Whether the owner's model is staged. */
  has(owner: string): boolean {
    return this.byOwner.has(owner);
  }

  /** The owner no longer needs its copies; the next garbage collection removes those nobody else holds. */
  release(owner: string): void {
    this.byOwner.delete(owner);
  }

  /**
   * Removes every staged copy no owner holds, unless a stage is in progress or one of `expectedOwners`
   * has not staged its model yet (then the next collection does it). Resolves with whether it ran.
   */
  async collectGarbage(expectedOwners: Iterable<string> = []): Promise<boolean> {
    if (this.staging > 0 || this.collecting) return false;
    for (const owner of expectedOwners) if (!this.byOwner.has(owner)) return false;
    this.collecting = this.removeUnused().finally(() => (this.collecting = undefined));
    await this.collecting;
    return true;
  }

  private async stageNow(owner: string, source: ModelSource): Promise<StagedModel> {
    // A collection in progress finishes first: it could remove a copy this stage finds in the store.
    while (this.collecting) await this.collecting;
    this.staging++;
    try {
      const artifacts = await this.store.stage(source.modelUri, source.label);
      const packages: StagedArtifacts[] = [];
      for (const uri of source.packageUris) packages.push(await stagePackage(this.store, uri));
      const staged = { artifacts, packages };
      this.byOwner.set(owner, staged);
      return staged;
    } finally {
      this.staging--;
    }
  }

  private async removeUnused(): Promise<void> {
    const inUse = new Set(
      [...this.byOwner.values()].flatMap((s) => [s.artifacts.digest, ...s.packages.map((p) => p.digest)]),
    );
    for (const digest of await this.store.list()) {
      if (inUse.has(digest)) continue;
      this.logger.info('removing staged artifacts nothing uses', { digest });
      await this.store.remove(digest);
    }
  }
}
