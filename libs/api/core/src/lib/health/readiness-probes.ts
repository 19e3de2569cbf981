import type { HealthComponent } from '@boiduong/shared-contracts';
import { Injectable } from '@nestjs/common';

/**
 * A component another context adds to readiness (`GET /health`). It answers from what it already
 * knows, synchronously: a probe never makes the health route wait on I/O, so a slow dependency
 * checked in the background cannot slow down the load balancer's polling.
 */
export type ReadinessProbe = () => HealthComponent;

const BUILT_IN = new Set(['database', 'redis']);

/** Where contexts register their readiness probes (core cannot import them). */
@Injectable()
export class ReadinessProbes {
  private readonly probes = new Map<string, ReadinessProbe>();

  register(name: string, probe: ReadinessProbe): void {
    if (BUILT_IN.has(name) || this.probes.has(name)) throw new Error(`readiness probe "${name}" is already registered`);
    this.probes.set(name, probe);
  }

  /** The registered components by name; a probe that throws counts as down. */
  snapshot(): Record<string, HealthComponent> {
    const out: Record<string, HealthComponent> = {};
    for (const [name, probe] of this.probes) {
      try {
        out[name] = probe();
      } catch (error) {
        out[name] = { status: 'down', message: error instanceof Error ? error.message : String(error) };
      }
    }
    return out;
  }
}
