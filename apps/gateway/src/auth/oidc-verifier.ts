import { createHash } from 'node:crypto';
import { ApiError } from '@presage/errors';
import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import type { JWTPayload } from 'jose';
import type { KeyLookup } from './access-control';

export interface OidcSettings {
  /** The `iss` a token must carry, e.g. `https://accounts.example.com`. */
  issuer: string;
  /** The `aud` a token must include. */
  audience: string;
  /** Where the signing keys are; undefined: the `jwks_uri` of the issuer's discovery document. */
  jwksUrl: string | undefined;
}

/** Signature algorithms accepted: asymmetric only (a shared secret would let anyone holding it mint tokens). */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
/** Tokens verified once are remembered until they expire; more than this and the memory starts over. */
const MAX_REMEMBERED = 10_000;
const DISCOVERY_TIMEOUT_MS = 5_000;
const RETRY_MS = 1_000;

/**
 * OpenID Connect ID tokens (JWTs) checked against the issuer's JWKS with `jose`: signature, `iss`, `aud`,
 * `exp` and `nbf`. The token authenticates as `user:{email}`; one without an `email` claim, or with
 * `email_verified: false`, is refused.
 */
export class OidcVerifier {
  private keys: ReturnType<typeof createRemoteJWKSet> | undefined;
  private readonly verified = new Map<string, KeyLookup>();

  constructor(
    private readonly settings: OidcSettings,
    private readonly now: () => number = Date.now,
  ) {}

  async verify(token: string): Promise<KeyLookup> {
    const digest = createHash('sha256').update(token).digest('hex');
    const known = this.verified.get(digest);
    if (known && known.expires && known.expires.getTime() > this.now()) return known;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await this.signingKeys(), {
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        algorithms: ALGORITHMS,
        requiredClaims: ['exp'],
        currentDate: new Date(this.now()),
      }));
    } catch (error) {
      throw refusal(error);
    }
    const identity = { member: memberOf(payload), expires: new Date(payload.exp! * 1000) };
    if (this.verified.size >= MAX_REMEMBERED) this.verified.clear();
    this.verified.set(digest, identity);
    return identity;
  }

  private async signingKeys(): Promise<ReturnType<typeof createRemoteJWKSet>> {
    this.keys ??= createRemoteJWKSet(new URL(this.settings.jwksUrl ?? (await this.discoverJwksUrl())));
    return this.keys;
  }

  /** The issuer's `/.well-known/openid-configuration` → its `jwks_uri`. */
  private async discoverJwksUrl(): Promise<string> {
    const url = `${this.settings.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS) });
      const document = (await response.json()) as { jwks_uri?: unknown };
      if (!response.ok || typeof document.jwks_uri !== 'string') {
        throw new Error(`${url} answered ${response.status} without a jwks_uri`);
      }
      return document.jwks_uri;
    } catch (error) {
      throw ApiError.unavailable(
        'The identity provider cannot be reached to check the token; retry shortly.',
        RETRY_MS,
        error,
      );
    }
  }
}

function memberOf(payload: JWTPayload): string {
  const email = payload['email'];
  if (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(email)) {
    throw ApiError.unauthenticated(
      'The token has no email claim: Presage identifies token holders by email.',
    );
  }
  if (payload['email_verified'] === false) {
    throw ApiError.unauthenticated(`The token's email ${email} is not verified by its issuer.`);
  }
  return `user:${email}`;
}

/** A token that fails a check → 401 saying which; a JWKS that cannot be fetched → 503. */
function refusal(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) {
    return ApiError.unavailable(
      'The identity provider cannot be reached to check the token; retry shortly.',
      RETRY_MS,
      error,
    );
  }
  if (error instanceof errors.JWTExpired) return ApiError.unauthenticated('The token has expired.');
  if (error instanceof errors.JWTClaimValidationFailed) {
    return ApiError.unauthenticated(
      `The token is not valid here: ${error.message} (claim "${error.claim}").`,
    );
  }
  return ApiError.unauthenticated(`The token is not valid: ${error.message}.`);
}
