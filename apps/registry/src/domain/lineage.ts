import type { FieldViolation } from '@presage/errors';
import type { Lineage__Output } from '@presage/proto';

const DIGEST = /^[a-z0-9]+:[0-9a-f]{16,128}$/;
const MAX_TEXT = 256;

/** Problems with the lineage a user gives, each on its field path under `field`. */
export function lineageViolations(lineage: Lineage__Output, field: string): FieldViolation[] {
  const violations: FieldViolation[] = [];
  const tooLong = (value: string, path: string) => {
    if (value.length > MAX_TEXT)
      violations.push({ field: `${field}.${path}`, description: `At most ${MAX_TEXT} characters.` });
  };
  tooLong(lineage.trainedBy, 'trained_by');
  tooLong(lineage.publishedBy, 'published_by');
  lineage.trainingDatasets.forEach((dataset, i) => {
    const path = `${field}.training_datasets[${i}]`;
    if (!dataset.uri)
      violations.push({ field: `${path}.uri`, description: 'A training dataset needs its URI.' });
    tooLong(dataset.uri, `training_datasets[${i}].uri`);
    if (dataset.digest && !DIGEST.test(dataset.digest)) {
      violations.push({
        field: `${path}.digest`,
        description: `Expected "<algorithm>:<lower-case hex>", e.g. "sha256:9f86d0…"; got "${dataset.digest.slice(0, 80)}".`,
      });
    }
  });
  for (const [name, value] of Object.entries(lineage.evaluationMetrics)) {
    if (!name || name.length > 128) {
      violations.push({
        field: `${field}.evaluation_metrics`,
        description: 'Metric names have 1 to 128 characters.',
      });
    }
    if (!Number.isFinite(value)) {
      violations.push({
        field: `${field}.evaluation_metrics.${name}`,
        description: 'Metric values must be finite numbers.',
      });
    }
  }
  if (lineage.source) {
    tooLong(lineage.source.codeCommit, 'source.code_commit');
    tooLong(lineage.source.codeRepository, 'source.code_repository');
    tooLong(lineage.source.trainingRunId, 'source.training_run_id');
  }
  return violations;
}
