import { AllowedPaths, ROUTINES_OFF } from '@presage/env';
import { StatusCode } from '@presage/errors';
import { expectApiError } from '@presage/testing';
import { startRegistry } from './registry-harness';
import type { RegistryHarness } from './registry-harness';

/**
 * A registry confined to /srv/models with custom routines off refuses, at CreateVersion, local paths
 * outside (as written: the deployer checks again with links followed) and routines, naming the field.
 */
const MODEL = 'projects/acme/models/m';
let registry: RegistryHarness;

beforeAll(async () => {
  registry = await startRegistry({
    confinement: { allowedPaths: new AllowedPaths(['/srv/models']), customRoutines: false },
  });
  await registry.models.CreateModel({ parent: 'projects/acme', model: { name: 'm' } });
});

afterAll(() => registry?.stop());

describe('CreateVersion on a confined registry', () => {
  it.each([
    ['/etc', 'version.deployment_uri'],
    ['/srv/models/../../etc', 'version.deployment_uri'],
    ['file:///etc/default', 'version.deployment_uri'],
    ['/srv/models-old/m', 'version.deployment_uri'],
  ])('refuses deploymentUri %s, naming %s and only the allowed directory', async (uri, field) => {
    const error = await expectApiError(
      registry.models.CreateVersion({ parent: MODEL, version: { name: 'v', deploymentUri: uri } }),
      StatusCode.INVALID_ARGUMENT,
      { field },
    );
    expect(error.message).toContain('is outside the directories this platform may read and write');
    expect(error.message).toContain('(PRESAGE_ALLOWED_PATHS: /srv/models)');
  });

  it('refuses a package outside, and a routine at all, each under its own field', async () => {
    const error = await expectApiError(
      registry.models.CreateVersion({
        parent: MODEL,
        version: {
          name: 'routine',
          deploymentUri: '/srv/models/m/1',
          predictionClass: 'r.js#R',
          packageUris: ['/srv/models/code.tar.gz', '/home/me/code.tar.gz'],
        },
      }),
      StatusCode.INVALID_ARGUMENT,
    );
    const violations = error.details
      .flatMap((d) => ('fieldViolations' in d ? d.fieldViolations : []))
      .map((v: { field: string; description: string }) => [v.field, v.description]);
    expect(violations).toEqual([
      ['version.prediction_class', ROUTINES_OFF],
      [
        'version.package_uris[1]',
        expect.stringContaining('"/home/me/code.tar.gz" is outside the directories'),
      ],
    ]);
  });

  it('accepts a path inside and an http(s) source', async () => {
    for (const [name, uri] of [
      ['inside', '/srv/models/m/1'],
      ['remote', 'https://models.example.com/m/1'],
    ]) {
      const op = await registry.models.CreateVersion({
        parent: MODEL,
        version: { name, deploymentUri: uri },
      });
      expect(op.done).toBe(false);
    }
  });
});
