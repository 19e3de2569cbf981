export type HealthStatus = 'ok' | 'error';

export interface HealthComponent {
  status: 'up' | 'down';
  message?: string;
  latencyMs?: number;
}

export interface HealthResponse {
  status: HealthStatus;
  /** Components that are down, by name (`database`, `redis`). Empty when healthy. */
  down: string[];
  components: Record<string, HealthComponent>;
  version: string;
  uptimeSeconds: number;
}
