import { createLogger } from '@presage/log';
import { createExportFailureLog } from './export-failures';

describe('createExportFailureLog', () => {
  it('warns on the first failure, then at most once per interval with the count in between', () => {
    type Line = { level: string; failuresSinceLastWarning?: number; destination: string };
    const lines: Line[] = [];
    const logger = createLogger('test', {
      level: 'debug',
      write: (line) => lines.push(JSON.parse(line) as Line),
    });
    let clock = 0;
    const log = createExportFailureLog(logger, 'otlp http://127.0.0.1:1', {
      intervalMs: 1000,
      now: () => clock,
    });
    for (let i = 0; i < 25; i += 1) {
      log(new Error('14 UNAVAILABLE: No connection established'));
      clock += 100;
    }
    const warnings = lines.filter((line) => line.level === 'warn');
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatchObject({ destination: 'otlp http://127.0.0.1:1' });
    expect(warnings[0]!.failuresSinceLastWarning).toBeUndefined();
    expect(warnings[1]!.failuresSinceLastWarning).toBe(9);
    expect(lines.filter((line) => line.level === 'debug')).toHaveLength(22);
  });
});
