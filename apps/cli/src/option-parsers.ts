import { InvalidArgumentError } from 'commander';

/** `--limit 5`: a whole number ≥ `min`. */
export function integerOption(min: number): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value) || Number(value) < min)
      throw new InvalidArgumentError(`must be a whole number of at least ${min}, got "${value}"`);
    return Number(value);
  };
}

/** `--labels team=ml,env=prod` (repeatable): merged into one map, as gcloud's labels flags. */
export function labelsOption(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const labels = { ...previous };
  for (const pair of value.split(',').filter(Boolean)) {
    const at = pair.indexOf('=');
    if (at <= 0)
      throw new InvalidArgumentError(`labels are KEY=VALUE pairs separated by commas, got "${pair}"`);
    labels[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return labels;
}

/** `--remove-labels a,b` or `--input-paths x,y` (repeatable): one list. */
export function listOption(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').filter(Boolean)];
}

/** gcloud's `--framework` values (and `onnx`, Presage's) → the Version.Framework enum name. */
export const FRAMEWORKS: Record<string, string> = {
  tensorflow: 'TENSORFLOW',
  'scikit-learn': 'SCIKIT_LEARN',
  xgboost: 'XGBOOST',
  onnx: 'ONNX',
};

/** Labels after gcloud's `--update-labels`, `--remove-labels`, `--clear-labels`; undefined when none was given. */
export function changedLabels(
  current: Record<string, string>,
  flags: { updateLabels?: Record<string, string>; removeLabels?: string[]; clearLabels?: boolean },
): Record<string, string> | undefined {
  if (!flags.updateLabels && !flags.removeLabels && !flags.clearLabels) return undefined;
  const labels = flags.clearLabels ? {} : { ...current };
  for (const key of flags.removeLabels ?? []) delete labels[key];
  return { ...labels, ...flags.updateLabels };
}
