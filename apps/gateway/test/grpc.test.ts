import { StatusCode } from '@presage/errors';
import { createClient } from '@presage/grpc-kit';
import { JobService, LongrunningOperations, ModelService } from '@presage/proto';
import { startGatewayHarness } from './gateway-harness';
import type { GatewayHarness } from './gateway-harness';

let h: GatewayHarness;
beforeAll(async () => {
  h = await startGatewayHarness();
});
afterAll(() => h.stop());

describe('the public gRPC services, forwarded to the registry', () => {
  it('creates and gets a model, passing the actor and errors with their details', async () => {
    const models = createClient(ModelService, h.grpcAddress);
    const longrunning = createClient(LongrunningOperations, h.grpcAddress);
    try {
      const model = await models.client.CreateModel({
        parent: 'projects/g',
        model: { name: 'm', labels: { a: 'b' } },
      });
      expect(model).toMatchObject({ name: 'projects/g/models/m', labels: { a: 'b' } });
      expect(await models.client.GetModel({ name: 'projects/g/models/m' })).toMatchObject({
        name: 'projects/g/models/m',
      });

      const op = await models.client.CreateVersion(
        { parent: 'projects/g/models/m', version: { name: 'v1', deploymentUri: 'file:///x' } },
        { metadata: { 'x-presage-actor': 'bob' } },
      );
      const version = await models.client.GetVersion({ name: 'projects/g/models/m/versions/v1' });
      expect(version.lineage?.publishedBy).toBe('bob');
      expect((await longrunning.client.GetOperation({ name: op.name })).name).toBe(op.name);

      await expect(models.client.GetModel({ name: 'projects/g/models/none' })).rejects.toMatchObject({
        code: StatusCode.NOT_FOUND,
      });
      await expect(
        models.client.CreateModel({ parent: 'projects/g', model: { name: '1 bad' } }),
      ).rejects.toMatchObject({
        code: StatusCode.INVALID_ARGUMENT,
        details: [
          expect.objectContaining({ fieldViolations: [expect.objectContaining({ field: 'model.name' })] }),
        ],
      });
    } finally {
      models.close();
      longrunning.close();
    }
  });

  it('answers UNIMPLEMENTED for jobs when batch prediction is not enabled', async () => {
    const jobs = createClient(JobService, h.grpcAddress);
    try {
      await expect(jobs.client.ListJobs({ parent: 'projects/g' })).rejects.toMatchObject({
        code: StatusCode.UNIMPLEMENTED,
        message: expect.stringContaining('batch prediction is not enabled'),
      });
    } finally {
      jobs.close();
    }
  });
});
