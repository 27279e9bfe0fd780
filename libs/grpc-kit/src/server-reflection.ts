import type * as grpc from '@grpc/grpc-js';
import type { PackageDefinition } from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';

type Registered = [definition: grpc.ServiceDefinition, implementation: grpc.UntypedServiceImplementation];

/**
 * gRPC server reflection (grpc.reflection.v1 and v1alpha) for `services`, whose index of the protos is
 * built at the first reflection request: building it decodes and indexes every file descriptor, ~30 ms
 * of every start-up, and only tools such as grpcurl ever ask. The index is then @grpc/reflection's own.
 */
export function addServerReflection(
  server: Pick<grpc.Server, 'addService'>,
  definition: () => PackageDefinition,
  services: string[],
): void {
  let full: Registered[] | undefined;
  const indexed = (): Registered[] =>
    (full ??= registered(new ReflectionService(reflectionDefinition(definition()), { services })));
  // An empty index costs nothing and registers the same services, in the same order.
  registered(new ReflectionService({}, { services })).forEach(([serviceDefinition, handlers], i) => {
    const lazy: grpc.UntypedServiceImplementation = {};
    for (const method of Object.keys(handlers)) {
      lazy[method] = ((call: unknown) =>
        (indexed()[i]![1][method] as (call: unknown) => void)(call)) as grpc.UntypedHandleCall;
    }
    server.addService(serviceDefinition, lazy);
  });
}

/** What `reflection.addToServer` registers, without a server. */
function registered(reflection: ReflectionService): Registered[] {
  const services: Registered[] = [];
  reflection.addToServer({
    addService: (definition, implementation) => services.push([definition, implementation]),
  });
  return services;
}

/**
 * What server reflection needs from `definition`: its file descriptors, once. @grpc/proto-loader gives
 * every message and enum the same array of every file's descriptor, and ReflectionService decodes the
 * array of each entry (some 170 times the same files: a quarter of a second). One entry per distinct
 * array gives it the same files, so the same answers, decoded once.
 */
export function reflectionDefinition(definition: PackageDefinition): PackageDefinition {
  const seen = new Set<unknown[]>();
  const slim: PackageDefinition = {};
  for (const [name, entry] of Object.entries(definition)) {
    const files = (entry as { fileDescriptorProtos?: unknown }).fileDescriptorProtos;
    if (!Array.isArray(files) || seen.has(files)) continue;
    seen.add(files);
    slim[name] = entry;
  }
  return slim;
}
