import { loadDeployerConfig } from '../config';
import { loadKubernetesDriverConfig } from './kubernetes-config';

describe('the Kubernetes driver configuration', () => {
  it('defaults everything but the image, and takes the namespace from the pod', () => {
    const problems: string[] = [];
    const config = loadKubernetesDriverConfig({ PRESAGE_PREDICTOR_IMAGE: 'presage:1' }, problems, () => 'ml');
    expect(problems).toEqual([]);
    expect(config).toEqual({
      namespace: 'ml',
      image: 'presage:1',
      artifactsClaim: 'presage-artifacts',
      requests: { cpu: '500m', memory: '512Mi' },
      limits: { memory: '2Gi' },
      serviceAccountName: undefined,
      startTimeoutMs: 300_000,
      podEnv: {},
    });
  });

  it('passes the logging, telemetry and message limit settings on to predictor pods, and nothing else', () => {
    const config = loadKubernetesDriverConfig(
      {
        PRESAGE_PREDICTOR_IMAGE: 'presage:1',
        PRESAGE_LOG_LEVEL: 'debug',
        PRESAGE_MAX_RESPONSE_BYTES: '100000000',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel:4317',
        PRESAGE_OTLP_ENDPOINT: 'http://presage-autoscaler:8094',
        DATABASE_URL: 'postgres://secret',
      },
      [],
      () => undefined,
    );
    expect(config.podEnv).toEqual({
      PRESAGE_LOG_LEVEL: 'debug',
      PRESAGE_MAX_RESPONSE_BYTES: '100000000',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel:4317',
      PRESAGE_OTLP_ENDPOINT: 'http://presage-autoscaler:8094',
    });
    expect(config.namespace).toBeUndefined();
  });

  it('lists every problem at once', () => {
    expect(() =>
      loadDeployerConfig({
        PRESAGE_REPLICA_DRIVER: 'kubernetes',
        PRESAGE_KUBE_NAMESPACE: 'Not_A_Namespace',
        PRESAGE_PREDICTOR_CPU_REQUEST: 'lots',
        PRESAGE_PREDICTOR_MEMORY_LIMIT: '',
        PRESAGE_KUBE_START_TIMEOUT_MS: '5',
      }),
    ).toThrow(
      /PRESAGE_KUBE_NAMESPACE must be.*\n.*PRESAGE_PREDICTOR_IMAGE is required.*\n.*PRESAGE_PREDICTOR_CPU_REQUEST must be a Kubernetes quantity.*\n.*PRESAGE_KUBE_START_TIMEOUT_MS/,
    );
  });

  it('knows two drivers, local by default', () => {
    expect(loadDeployerConfig({}).replicaDriver).toBe('local');
    expect(loadDeployerConfig({}).kubernetes).toBeUndefined();
    expect(() => loadDeployerConfig({ PRESAGE_REPLICA_DRIVER: 'docker' })).toThrow(
      'PRESAGE_REPLICA_DRIVER must be local or kubernetes, got "docker"',
    );
  });
});
