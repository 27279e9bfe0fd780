import { compareAnswers, valuesAgree } from './prediction-agreement';

const body = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('valuesAgree', () => {
  it('wants class labels, strings, booleans and integers exactly equal', () => {
    expect(valuesAgree('daisy', 'daisy')).toBe(true);
    expect(valuesAgree('daisy', 'rose')).toBe(false);
    expect(valuesAgree(3, 3)).toBe(true);
    expect(valuesAgree(3, 4)).toBe(false);
    expect(valuesAgree(true, 1)).toBe(false);
    expect(valuesAgree(null, null)).toBe(true);
  });

  it('lets floats differ by 1e-6 + 1e-4 × |primary|', () => {
    expect(valuesAgree(0.5, 0.5 + 4e-5)).toBe(true);
    expect(valuesAgree(0.5, 0.5 + 6e-5 + 1e-6)).toBe(false);
    expect(valuesAgree(0, 9e-7)).toBe(true);
    expect(valuesAgree(1000.25, 1000.3)).toBe(true);
    expect(valuesAgree(1000.25, 1000.4)).toBe(false);
  });

  it('compares lists and objects element by element and key by key', () => {
    expect(valuesAgree({ label: 'a', scores: [0.1, 0.9] }, { scores: [0.1, 0.90000001], label: 'a' })).toBe(
      true,
    );
    expect(valuesAgree({ label: 'a', scores: [0.1, 0.9] }, { label: 'b', scores: [0.1, 0.9] })).toBe(false);
    expect(valuesAgree([1, 2], [1, 2, 3])).toBe(false);
    expect(valuesAgree({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(valuesAgree({ a: 1 }, [1])).toBe(false);
  });
});

describe('compareAnswers', () => {
  it('counts agreeing and disagreeing predictions one by one', () => {
    expect(compareAnswers(body({ predictions: [1, 2, 3] }), body({ predictions: [1, 5, 3] }))).toEqual({
      agree: 2,
      disagree: 1,
    });
  });

  it('counts predictions only one side has as disagreeing', () => {
    expect(compareAnswers(body({ predictions: ['a', 'b'] }), body({ predictions: ['a'] }))).toEqual({
      agree: 1,
      disagree: 1,
    });
  });

  it('is undefined when a side is not a predictions answer', () => {
    expect(compareAnswers(body({ predictions: [1] }), body({ error: 'boom' }))).toBeUndefined();
    expect(compareAnswers(body({ predictions: [1] }), Buffer.from('not json'))).toBeUndefined();
  });
});
