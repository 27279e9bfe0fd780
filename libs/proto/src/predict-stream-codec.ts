import { Reader, Writer } from 'protobufjs/minimal';
import type { PredictStreamRequest__Output } from './generated/presage/internal/v1/PredictStreamRequest';
import type { PredictStreamResponse__Output } from './generated/presage/internal/v1/PredictStreamResponse';
import type { StreamedAnswer__Output } from './generated/presage/internal/v1/StreamedAnswer';
import type { StreamedPredict__Output } from './generated/presage/internal/v1/StreamedPredict';

/**
 * The messages of PredictorService.PredictStream (predictor.proto), encoded and decoded by hand: they
 * carry every online prediction, and the generic loader's decode-then-convert costs more than the rest
 * of the gateway's work on a small request. The objects are what @grpc/proto-loader gives for the same
 * bytes (camelCase fields, Buffer bytes, defaults present); predict-stream-codec.spec.ts checks both ways.
 */
const WIRE_VARINT = 0;
const WIRE_LENGTH = 2;

const tag = (field: number, wire: number): number => (field << 3) | wire;

export function encodePredictStreamRequest(message: PredictStreamRequest__Output): Buffer {
  const writer = Writer.create();
  for (const predict of message.predicts) {
    writer.uint32(tag(1, WIRE_LENGTH)).fork();
    if (predict.id !== 0) writer.uint32(tag(1, WIRE_VARINT)).uint32(predict.id);
    if (predict.body.length > 0) writer.uint32(tag(2, WIRE_LENGTH)).bytes(predict.body);
    if (predict.timeoutMs !== 0) writer.uint32(tag(3, WIRE_VARINT)).uint32(predict.timeoutMs);
    if (predict.traceparent !== '') writer.uint32(tag(4, WIRE_LENGTH)).string(predict.traceparent);
    writer.ldelim();
  }
  if (message.cancelledIds.length > 0) {
    writer.uint32(tag(2, WIRE_LENGTH)).fork();
    for (const id of message.cancelledIds) writer.uint32(id);
    writer.ldelim();
  }
  return finish(writer);
}

export function decodePredictStreamRequest(buffer: Buffer): PredictStreamRequest__Output {
  const reader = Reader.create(buffer);
  const message: PredictStreamRequest__Output = { predicts: [], cancelledIds: [] };
  while (reader.pos < reader.len) {
    const key = reader.uint32();
    switch (key >>> 3) {
      case 1:
        message.predicts.push(decodePredict(reader, reader.uint32()));
        break;
      case 2:
        readUint32s(reader, key, message.cancelledIds);
        break;
      default:
        reader.skipType(key & 7);
    }
  }
  return message;
}

export function encodePredictStreamResponse(message: PredictStreamResponse__Output): Buffer {
  const writer = Writer.create();
  for (const answer of message.answers) {
    writer.uint32(tag(1, WIRE_LENGTH)).fork();
    if (answer.id !== 0) writer.uint32(tag(1, WIRE_VARINT)).uint32(answer.id);
    if (answer.code !== 0) writer.uint32(tag(2, WIRE_VARINT)).int32(answer.code);
    if (answer.body.length > 0) writer.uint32(tag(3, WIRE_LENGTH)).bytes(answer.body);
    if (answer.httpStatus !== 0) writer.uint32(tag(4, WIRE_VARINT)).int32(answer.httpStatus);
    if (answer.message !== '') writer.uint32(tag(5, WIRE_LENGTH)).string(answer.message);
    writer.ldelim();
  }
  return finish(writer);
}

export function decodePredictStreamResponse(buffer: Buffer): PredictStreamResponse__Output {
  const reader = Reader.create(buffer);
  const message: PredictStreamResponse__Output = { answers: [] };
  while (reader.pos < reader.len) {
    const key = reader.uint32();
    if (key >>> 3 === 1) message.answers.push(decodeAnswer(reader, reader.uint32()));
    else reader.skipType(key & 7);
  }
  return message;
}

function decodePredict(reader: Reader, length: number): StreamedPredict__Output {
  const end = reader.pos + length;
  const predict: StreamedPredict__Output = { id: 0, body: EMPTY, timeoutMs: 0, traceparent: '' };
  while (reader.pos < end) {
    const key = reader.uint32();
    switch (key >>> 3) {
      case 1:
        predict.id = reader.uint32();
        break;
      case 2:
        predict.body = bytes(reader);
        break;
      case 3:
        predict.timeoutMs = reader.uint32();
        break;
      case 4:
        predict.traceparent = reader.string();
        break;
      default:
        reader.skipType(key & 7);
    }
  }
  return predict;
}

function decodeAnswer(reader: Reader, length: number): StreamedAnswer__Output {
  const end = reader.pos + length;
  const answer: StreamedAnswer__Output = { id: 0, code: 0, body: EMPTY, httpStatus: 0, message: '' };
  while (reader.pos < end) {
    const key = reader.uint32();
    switch (key >>> 3) {
      case 1:
        answer.id = reader.uint32();
        break;
      case 2:
        answer.code = reader.int32();
        break;
      case 3:
        answer.body = bytes(reader);
        break;
      case 4:
        answer.httpStatus = reader.int32();
        break;
      case 5:
        answer.message = reader.string();
        break;
      default:
        reader.skipType(key & 7);
    }
  }
  return answer;
}

const EMPTY = Buffer.alloc(0);

/** A bytes field as a Buffer over the message's memory (no copy). */
function bytes(reader: Reader): Buffer {
  const value = reader.bytes();
  return Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

/** A repeated uint32, packed (the proto3 default) or not. */
function readUint32s(reader: Reader, key: number, into: number[]): void {
  if ((key & 7) !== WIRE_LENGTH) {
    into.push(reader.uint32());
    return;
  }
  const end = reader.uint32() + reader.pos;
  while (reader.pos < end) into.push(reader.uint32());
}

function finish(writer: Writer): Buffer {
  const bytes = writer.finish();
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
