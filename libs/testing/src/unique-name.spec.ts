import { uniqueName } from './unique-name';

describe('uniqueName', () => {
  it('is the prefix, an underscore and lowercase letters/digits, different every call', () => {
    const names = Array.from({ length: 1000 }, () => uniqueName('model'));
    for (const name of names) expect(name).toMatch(/^model_[a-z0-9]{10}$/);
    expect(new Set(names).size).toBe(names.length);
  });
});
