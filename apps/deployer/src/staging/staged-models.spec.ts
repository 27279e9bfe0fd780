import { AllowedPaths } from '@presage/env';
import { createLogger } from '@presage/log';
import type { ArtifactStore } from './artifact-store';
import { StagedModels } from './staged-models';

/** A store holding digests in memory; staging a URI gives `sha256:<uri>`, held back while `hold` has it. */
function fakeStore() {
  const digests = new Set<string>();
  const held = new Map<string, () => void>();
  const store: ArtifactStore & { hold: Set<string>; release: (uri: string) => void; digests: Set<string> } = {
    digests,
    hold: new Set(),
    release: (uri) => held.get(uri)?.(),
    async stage(uri) {
      if (store.hold.has(uri)) await new Promise<void>((resolve) => held.set(uri, resolve));
      digests.add(`sha256:${uri}`);
      return { digest: `sha256:${uri}`, dir: `/store/${uri}` };
    },
    remove: (digest) => Promise.resolve(void digests.delete(digest)),
    list: () => Promise.resolve([...digests]),
    limits: { maxBytes: 1e9, idleTimeoutMs: 1_000 },
    allowed: new AllowedPaths([]),
  };
  return store;
}

const logger = createLogger('test', { level: 'error' });
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('StagedModels', () => {
  it('stages an owner’s model once, even when asked twice at once', async () => {
    const store = fakeStore();
    const stage = jest.spyOn(store, 'stage');
    const staged = new StagedModels(store, logger);
    const [a, b] = await Promise.all([
      staged.stage('v1', { modelUri: 'm', packageUris: [] }),
      staged.stage('v1', { modelUri: 'm', packageUris: [] }),
    ]);
    expect(a).toBe(b);
    await staged.stage('v1', { modelUri: 'm', packageUris: [] });
    expect(stage).toHaveBeenCalledTimes(1);
    expect(staged.has('v1')).toBe(true);
  });

  it('removes the copies no owner holds, keeping a copy another owner shares', async () => {
    const store = fakeStore();
    const staged = new StagedModels(store, logger);
    await staged.stage('v1', { modelUri: 'shared', packageUris: [] });
    await staged.stage('v2', { modelUri: 'shared', packageUris: [] });
    await staged.stage('job', { modelUri: 'other', packageUris: [] });
    store.digests.add('sha256:stale');
    staged.release('v2');
    expect(await staged.collectGarbage(['v1'])).toBe(true);
    expect([...store.digests].sort()).toEqual(['sha256:other', 'sha256:shared']);
    staged.release('v1');
    staged.release('job');
    await staged.collectGarbage();
    expect([...store.digests]).toEqual([]);
  });

  it('collects nothing while a stage is in progress or an expected owner has not staged yet', async () => {
    const store = fakeStore();
    const staged = new StagedModels(store, logger);
    store.digests.add('sha256:stale');
    expect(await staged.collectGarbage(['v1'])).toBe(false);
    store.hold.add('slow');
    const staging = staged.stage('v2', { modelUri: 'slow', packageUris: [] });
    await flush();
    expect(await staged.collectGarbage()).toBe(false);
    store.release('slow');
    await staging;
    expect(await staged.collectGarbage()).toBe(true);
    expect([...store.digests]).toEqual(['sha256:slow']);
  });
});
