import type { V1EndpointSlice } from '@kubernetes/client-node' with { 'resolution-mode': 'import' };
import { PREDICTOR_PORT } from './kubernetes-manifests';

export interface Endpoint {
  address: string;
  ready: boolean;
  terminating: boolean;
}

/** The endpoints of a Service's slices by pod name, with the address the gateway dials. */
export function endpointsByPod(slices: V1EndpointSlice[]): Map<string, Endpoint> {
  const byPod = new Map<string, Endpoint>();
  for (const slice of slices) {
    const port = slice.ports?.find((p) => p.name === 'grpc')?.port ?? PREDICTOR_PORT;
    for (const endpoint of slice.endpoints ?? []) {
      const pod = endpoint.targetRef?.kind === 'Pod' ? endpoint.targetRef.name : undefined;
      const ip = endpoint.addresses[0];
      if (!pod || !ip) continue;
      byPod.set(pod, {
        address: hostPort(ip, port),
        ready: endpoint.conditions?.ready === true,
        terminating: endpoint.conditions?.terminating === true,
      });
    }
  }
  return byPod;
}

/** `ip:port`, bracketing an IPv6 address. */
export function hostPort(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}
