import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as grpc from '@grpc/grpc-js';
import { serviceDefinition } from '@presage/proto';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { KeyLike } from 'jose';
import { call, startGatewayHarness } from './gateway-harness';
import type { GatewayHarness } from './gateway-harness';

/**
 * OpenID Connect ID tokens as credentials: a real HTTP server in the test plays the identity provider
 * (discovery document and JWKS), tokens are signed with jose, and the gateway checks them as it would
 * a provider's.
 */
const ADMIN_KEY = 'bootstrap-admin-key-for-oidc-tests-0123456789';
const AUDIENCE = 'presage-test';
const PROJECT = 'projects/tokens';

let h: GatewayHarness;
let provider: http.Server;
let issuer: string;
let signingKey: KeyLike;
let otherKey: KeyLike;

function token(
  claims: { iss?: string; aud?: string; email?: string | undefined; email_verified?: boolean },
  options: { key?: KeyLike; expiresIn?: string | number } = {},
) {
  return new SignJWT({ email: 'alice@example.com', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: options.key === otherKey ? 'other' : 'main' })
    .setIssuer(claims.iss ?? issuer)
    .setAudience(claims.aud ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '10m')
    .sign(options.key ?? signingKey);
}

const bearer = (credential: string) => ({ authorization: `Bearer ${credential}` });
const listModels = async (credential: string) =>
  call(h.baseUrl, 'GET', `/v1/${PROJECT}/models`, undefined, bearer(credential));

beforeAll(async () => {
  const main = await generateKeyPair('RS256');
  const other = await generateKeyPair('RS256');
  signingKey = main.privateKey;
  otherKey = other.privateKey;
  const jwks = { keys: [{ ...(await exportJWK(main.publicKey)), kid: 'main', alg: 'RS256', use: 'sig' }] };
  provider = http.createServer((request, response) => {
    const body =
      request.url === '/.well-known/openid-configuration'
        ? { issuer, jwks_uri: `${issuer}/jwks.json` }
        : request.url === '/jwks.json'
          ? jwks
          : undefined;
    response.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body ?? {}));
  });
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
  h = await startGatewayHarness({
    gateway: {
      auth: 'required',
      bootstrapAdminKey: ADMIN_KEY,
      oidc: { issuer, audience: AUDIENCE, jwksUrl: undefined },
    },
  });
  const policy = await call(
    h.baseUrl,
    'POST',
    `/v1/${PROJECT}:setIamPolicy`,
    { policy: { bindings: [{ role: 'roles/ml.developer', members: ['user:alice@example.com'] }] } },
    bearer(ADMIN_KEY),
  );
  expect(policy.status).toBe(200);
}, 60_000);

afterAll(async () => {
  await h.stop();
  await new Promise((resolve) => provider.close(resolve));
});

describe('OpenID Connect ID tokens', () => {
  it('authenticates a token from the issuer, for the audience, as user:{email}', async () => {
    const credential = await token({});
    expect(await listModels(credential)).toEqual({ status: 200, json: {} });
    const created = await call(
      h.baseUrl,
      'POST',
      `/v1/${PROJECT}/models`,
      { name: 'by_token' },
      bearer(credential),
    );
    expect(created.status).toBe(200);
    const version = await call(
      h.baseUrl,
      'POST',
      `/v1/${PROJECT}/models/by_token/versions`,
      { name: 'v1', deploymentUri: 'file:///m/1' },
      bearer(credential),
    );
    expect(version.status).toBe(200);
    const got = await call(
      h.baseUrl,
      'GET',
      `/v1/${PROJECT}/models/by_token/versions/v1`,
      undefined,
      bearer(credential),
    );
    expect(got.json.lineage.publishedBy).toBe('user:alice@example.com');
  });

  it('takes the token over gRPC too', async () => {
    const Client = grpc.makeGenericClientConstructor(
      serviceDefinition('presage.v1.ModelService'),
      'ModelService',
    );
    const client = new Client(h.grpcAddress, grpc.credentials.createInsecure());
    const metadata = new grpc.Metadata();
    metadata.set('authorization', `Bearer ${await token({})}`);
    const error = await new Promise<grpc.ServiceError | null>((resolve) =>
      (client as unknown as Record<string, (...args: unknown[]) => void>)['ListModels']!(
        { parent: PROJECT },
        metadata,
        resolve,
      ),
    );
    client.close();
    expect(error).toBeNull();
  });

  it('refuses a member with no role with 403, not 401', async () => {
    const res = await listModels(await token({ email: 'bob@example.com' }));
    expect(res.status).toBe(403);
  });

  it.each([
    ['an expired token', () => token({}, { expiresIn: Math.floor(Date.now() / 1000) - 60 }), 'expired'],
    ['another audience', () => token({ aud: 'someone-else' }), '"aud"'],
    ['another issuer', () => token({ iss: 'https://evil.example.com' }), '"iss"'],
    ['a token signed by another key', () => token({}, { key: otherKey }), 'not valid'],
    ['a token without an email', () => token({ email: undefined }), 'no email claim'],
    ['an unverified email', () => token({ email_verified: false }), 'not verified'],
  ])('refuses %s with 401', async (_what, make, reason) => {
    const res = await listModels(await make());
    expect(res.status).toBe(401);
    expect(res.json.error).toMatchObject({
      status: 'UNAUTHENTICATED',
      message: expect.stringContaining(reason),
    });
  });

  it('refuses a token signed with a shared secret (HS256) or none', async () => {
    const hs = await new SignJWT({ email: 'alice@example.com' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(issuer)
      .setAudience(AUDIENCE)
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode('a-shared-secret-anyone-could-know'));
    expect((await listModels(hs)).status).toBe(401);
    const [header, payload] = (await token({})).split('.');
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    expect(header).toBeDefined();
    expect((await listModels(none)).status).toBe(401);
  });

  it('still takes API keys beside tokens', async () => {
    expect((await listModels(ADMIN_KEY)).status).toBe(200);
    expect((await listModels('psk_unknown')).status).toBe(401);
  });

  it('answers 503 with RetryInfo while the identity provider cannot be reached for a new gateway', async () => {
    const gateway = await h.startGateway({
      auth: 'required',
      bootstrapAdminKey: ADMIN_KEY,
      oidc: { issuer: 'http://127.0.0.1:1', audience: AUDIENCE, jwksUrl: undefined },
    });
    const res = await call(
      gateway.baseUrl,
      'GET',
      `/v1/${PROJECT}/models`,
      undefined,
      bearer(await token({})),
    );
    expect(res.status).toBe(503);
    expect(res.json.error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ '@type': 'type.googleapis.com/google.rpc.RetryInfo' }),
      ]),
    );
    await gateway.stop();
  });
});
