import { createLogger } from '@presage/log';
import { AccessControl } from './access-control';
import { guardMethods, guardPredict } from './guard';

const KEY = 'alice-key';

/** Alice holds roles/ml.modelUser on project `shop` only. */
function access(): AccessControl {
  return new AccessControl({
    lookupKey: () => Promise.resolve({ member: 'user:alice@example.com', expires: undefined }),
    getPolicy: (project) =>
      Promise.resolve(
        project === 'shop' ? [{ role: 'roles/ml.modelUser', members: ['user:alice@example.com'] }] : [],
      ),
    bootstrapKey: undefined,
    cacheMs: 60_000,
    logger: createLogger('guard-test', { level: 'error' }),
  });
}

const answer = { httpStatus: 200, body: Buffer.from('{}'), version: 'v' };

describe('the predict guard', () => {
  it('checks ml.models.predict on the project for model, alias and version names alike (REST)', async () => {
    const predicted: string[] = [];
    const guarded = guardPredict((name) => {
      predicted.push(name);
      return Promise.resolve(answer);
    }, access());
    const call = { actor: undefined, credential: () => KEY };
    for (const name of ['models/m', 'models/m@champion', 'models/m/versions/v1']) {
      await guarded(`projects/shop/${name}`, Buffer.from('{}'), call);
      await expect(guarded(`projects/other/${name}`, Buffer.from('{}'), call)).rejects.toMatchObject({
        status: 'PERMISSION_DENIED',
        message: expect.stringContaining('ml.models.predict'),
      });
    }
    expect(predicted).toEqual([
      'projects/shop/models/m',
      'projects/shop/models/m@champion',
      'projects/shop/models/m/versions/v1',
    ]);
  });

  it('checks the alias form on its project over gRPC too', async () => {
    const path = '/presage.v1.OnlinePredictionService/Predict';
    const methods = guardMethods(new Map([[path, () => Promise.resolve('answered')]]), access());
    const call = { actor: undefined, credential: () => KEY };
    expect(await methods.get(path)!({ name: 'projects/shop/models/m@champion' }, call)).toBe('answered');
    await expect(
      methods.get(path)!({ name: 'projects/other/models/m@champion' }, call),
    ).rejects.toMatchObject({ status: 'PERMISSION_DENIED' });
  });
});
