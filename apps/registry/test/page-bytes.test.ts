import { StatusCode } from '@presage/errors';
import { encodedLength } from '@presage/proto';
import { MAX_DESCRIPTION_CHARS } from '@presage/resources';
import { expectApiError } from '@presage/testing';
import { startRegistry } from './registry-harness';
import type { RegistryHarness } from './registry-harness';

/**
 * List pages cut by bytes: a registry whose answers may hold 64 KiB (PRESAGE_MAX_RESPONSE_BYTES) still
 * lists resources of the largest allowed size, fewer per page, every one exactly once.
 */
const MAX_RESPONSE_BYTES = 64 * 1024;
const parent = 'projects/pages/models/big';
const description = 'd'.repeat(MAX_DESCRIPTION_CHARS);
let registry: RegistryHarness;

beforeAll(async () => {
  registry = await startRegistry({
    limits: { maxBodyBytes: 16 * 1024, maxResponseBytes: MAX_RESPONSE_BYTES },
  });
  await registry.models.CreateModel({ parent: 'projects/pages', model: { name: 'big', description } });
  for (let i = 0; i < 30; i++) {
    await registry.models.CreateVersion({
      parent,
      version: { name: `v${String(i).padStart(2, '0')}`, deploymentUri: 'file:///m', description },
    });
  }
});
afterAll(() => registry?.stop());

describe('list pages cut by bytes', () => {
  it('pages versions of the largest description within the answer limit, each exactly once', async () => {
    const seen: string[] = [];
    let pageToken = '';
    let pages = 0;
    do {
      const page = await registry.models.ListVersions({ parent, pageSize: 100, pageToken });
      expect(page.versions.length).toBeGreaterThan(0);
      expect(encodedLength('presage.v1.ListVersionsResponse', page)).toBeLessThanOrEqual(MAX_RESPONSE_BYTES);
      seen.push(...page.versions.map((v) => v.name.split('/').pop()!));
      pageToken = page.nextPageToken;
      pages++;
    } while (pageToken);
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => `v${String(i).padStart(2, '0')}`));
    expect(pages).toBeGreaterThan(3);
  });

  it('pages operations, whose metadata holds a version, the same way', async () => {
    let count = 0;
    let pageToken = '';
    let pages = 0;
    do {
      const page = await registry.operations.ListOperations({
        name: 'projects/pages',
        pageSize: 100,
        pageToken,
      });
      expect(encodedLength('google.longrunning.ListOperationsResponse', page)).toBeLessThanOrEqual(
        MAX_RESPONSE_BYTES,
      );
      count += page.operations.length;
      pageToken = page.nextPageToken;
      pages++;
    } while (pageToken);
    expect(count).toBe(30);
    expect(pages).toBeGreaterThan(1);
  });

  it('still refuses text it cannot store when called directly, naming the field', async () => {
    await expectApiError(
      registry.models.CreateModel({ parent: 'projects/pages', model: { name: 'n', description: 'a\u0000' } }),
      StatusCode.INVALID_ARGUMENT,
      { field: 'model.description', message: /NUL/ },
    );
    await expectApiError(
      registry.operations.GetOperation({ name: 'projects/pages/operations/x\u0000' }),
      StatusCode.INVALID_ARGUMENT,
      { field: 'name' },
    );
  });
});
