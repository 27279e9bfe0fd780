import { addErrors, formatErrorStats } from './error-stats';

it('writes one Python tuple per distinct error, most frequent first, quoted as repr() does', () => {
  const errors = addErrors(
    { 'The line is not valid JSON.': 2 },
    { 'The line is not valid JSON.': '1', "input 'x' bad": 5 },
  );
  errors['tab\tand \\ back'] = 1;
  errors['never'] = 0;
  expect(formatErrorStats(errors)).toBe(
    `("input 'x' bad", 5)\n('The line is not valid JSON.', 3)\n('tab\\tand \\\\ back', 1)\n`,
  );
  expect(formatErrorStats({})).toBe('');
});
