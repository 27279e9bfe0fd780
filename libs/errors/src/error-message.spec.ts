import { ApiError } from './api-error';
import { errorMessage, errorStack } from './error-message';

describe('errorMessage', () => {
  it("gives an Error's message and any other thrown value as a string", () => {
    expect(errorMessage(new Error('disk full'))).toBe('disk full');
    expect(errorMessage(ApiError.notFound('model', 'projects/p/models/m'))).toBe(
      'The model resource "projects/p/models/m" was not found.',
    );
    expect(errorMessage('plain text')).toBe('plain text');
    expect(errorMessage(42)).toBe('42');
    expect(errorMessage(undefined)).toBe('undefined');
  });
});

describe('errorStack', () => {
  it("gives an Error's stack, else its message, else the value as a string", () => {
    const error = new Error('boom');
    expect(errorStack(error)).toBe(error.stack);
    const stackless = new Error('no stack');
    stackless.stack = undefined;
    expect(errorStack(stackless)).toBe('no stack');
    expect(errorStack({ toString: () => 'odd' })).toBe('odd');
  });
});
