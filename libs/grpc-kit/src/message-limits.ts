import { EnvReader } from '@presage/env';

/**
 * The message sizes every Presage process agrees on, so that whatever the public API accepts or answers
 * also fits each internal gRPC channel it crosses (gateway → registry, batch, autoscaler, predictors).
 */
export interface MessageLimits {
  /**
   * PRESAGE_MAX_BODY_BYTES: the largest request the public API accepts: a REST body, or a gRPC request
   * message less ENVELOPE_BYTES for the fields around the body. @default 1572864 (1.5 MiB, AI Platform's)
   */
  maxBodyBytes: number;
  /**
   * PRESAGE_MAX_RESPONSE_BYTES: the largest answer: a prediction response body (a predictor refuses a
   * larger one with a 400 that says so), a page of a list (cut short to fit). A prediction's answer is
   * often several times its request (100,000 iris instances: 1.0 MB in, 6.2 MB out).
   * @default RESPONSE_FACTOR × maxBodyBytes (48 MiB)
   */
  maxResponseBytes: number;
}

export const DEFAULT_MAX_BODY_BYTES = 1_572_864;
/** The default answer limit, in multiples of the request limit. */
export const RESPONSE_FACTOR = 32;
/** Room in a gRPC message for what surrounds a body or a page: names, content type, page token, tags. */
export const ENVELOPE_BYTES = 64 * 1024;
/** grpc-js keeps message lengths in a signed 32-bit integer. */
const MAX_CHANNEL_BYTES = 2 ** 31 - 1;

export const DEFAULT_MESSAGE_LIMITS: MessageLimits = {
  maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
  maxResponseBytes: RESPONSE_FACTOR * DEFAULT_MAX_BODY_BYTES,
};

/** The largest message either way on an internal channel: an answer or a request, and its envelope. */
export function channelMessageBytes(limits: MessageLimits): number {
  return Math.min(MAX_CHANNEL_BYTES, Math.max(limits.maxBodyBytes, limits.maxResponseBytes) + ENVELOPE_BYTES);
}

/** The largest request message the public gRPC port takes: a body and its envelope. */
export function publicRequestBytes(limits: MessageLimits): number {
  return limits.maxBodyBytes + ENVELOPE_BYTES;
}

/** grpc-js channel options (client and server) for messages up to `bytes` either way. */
export function messageSizeOptions(bytes: number): Record<string, number> {
  return { 'grpc.max_receive_message_length': bytes, 'grpc.max_send_message_length': bytes };
}

/**
 * Reads PRESAGE_MAX_BODY_BYTES and PRESAGE_MAX_RESPONSE_BYTES from `env` (a config.ts passes its own),
 * adding each problem to `problems`. Every service reads them, so set them on every service alike.
 */
export function readMessageLimits(env: NodeJS.ProcessEnv, problems: string[]): MessageLimits {
  const reader = new EnvReader(env, problems);
  const bytes = (key: string, fallback: number): number =>
    reader.integer(key, {
      default: fallback,
      min: 1,
      max: MAX_CHANNEL_BYTES - ENVELOPE_BYTES,
      what: 'a number of bytes',
    });
  const maxBodyBytes = bytes('PRESAGE_MAX_BODY_BYTES', DEFAULT_MAX_BODY_BYTES);
  const maxResponseBytes = bytes(
    'PRESAGE_MAX_RESPONSE_BYTES',
    Math.min(RESPONSE_FACTOR * maxBodyBytes, MAX_CHANNEL_BYTES - ENVELOPE_BYTES),
  );
  return { maxBodyBytes, maxResponseBytes };
}
