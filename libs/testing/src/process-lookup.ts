import fs from 'node:fs';

/** Pids of this machine's processes whose environment holds `name=value` (Linux /proc). */
export function pidsWithEnv(name: string, value: string): number[] {
  const wanted = `${name}=${value}`;
  return fs.readdirSync('/proc').flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      return fs.readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes(wanted)
        ? [Number(entry)]
        : [];
    } catch {
      return [];
    }
  });
}
