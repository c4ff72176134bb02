import { collectDefaultMetrics, Counter as PromCounter, Gauge, Histogram, Registry } from 'prom-client';

export type { Gauge, Histogram } from 'prom-client';
export type LabelledCounter<L extends string> = PromCounter<L>;
import { z } from 'zod';
import { ConfigError, port } from '../config';

/**
 * A process's Prometheus registry (prom-client), one per process or per
 * embedded subgraph so their numbers never mix. `counter(name, help).inc()`
 * is the shape every caller has used since the first release (the benchmark
 * reads deltas of these unlabelled counters); histograms and gauges carry
 * labels. Each registry also collects Node's default process metrics
 * (CPU, memory, event-loop lag, GC) under the same names as any Node service.
 */
export class Counter {
  /** Kept beside prom-client's so `get()` stays synchronous for in-process readers. */
  private value = 0;
  constructor(
    readonly name: string,
    private readonly inner: PromCounter<string>,
  ) {}
  inc(by = 1): void {
    this.value += by;
    this.inner.inc(by);
  }
  /** The current value (tests and the benchmark's in-process counts). */
  get(): number {
    return this.value;
  }
}

const NAME = /^[a-z_][a-z0-9_]*$/;

/** Latency buckets in seconds: 1 ms to 10 s, where a GraphQL request and a subgraph fetch live. */
export const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface MetricsOptions {
  /** Node's default process metrics (default true). */
  processMetrics?: boolean;
  /** Labels on every series of this registry, e.g. `{ service: 'tickets' }`. */
  defaultLabels?: Record<string, string>;
}

export class Metrics {
  readonly registry = new Registry();
  private readonly counters = new Map<string, Counter>();
  private readonly others = new Map<string, Histogram<string> | Gauge<string> | PromCounter<string>>();

  constructor(opts: MetricsOptions = {}) {
    if (opts.defaultLabels) this.registry.setDefaultLabels(opts.defaultLabels);
    if (opts.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  private checkName(name: string): void {
    if (!NAME.test(name)) throw new Error(`Invalid metric name ${name}`);
  }

  /** An unlabelled monotonic counter; the same name returns the same counter. */
  counter(name: string, help: string): Counter {
    let c = this.counters.get(name);
    if (!c) {
      this.checkName(name);
      c = new Counter(name, new PromCounter({ name, help, registers: [this.registry] }));
      this.counters.set(name, c);
    }
    return c;
  }

  /** A counter with labels (e.g. operations by name and client). */
  labelledCounter<L extends string>(name: string, help: string, labelNames: readonly L[]): PromCounter<L> {
    return this.reuse(name, () => new PromCounter<L>({ name, help, labelNames, registers: [this.registry] }));
  }

  /** A histogram with labels; `buckets` defaults to LATENCY_BUCKETS (seconds). */
  histogram<L extends string>(name: string, help: string, labelNames: readonly L[], buckets: number[] = LATENCY_BUCKETS): Histogram<L> {
    return this.reuse(name, () => new Histogram<L>({ name, help, labelNames, buckets, registers: [this.registry] }));
  }

  /**
   * A gauge; with `collect` its value is computed at each scrape (a backlog
   * read from the database, a consumer's pending count), so nothing polls
   * between scrapes.
   */
  gauge<L extends string>(name: string, help: string, labelNames: readonly L[] = [], collect?: (gauge: Gauge<L>) => Promise<void> | void): Gauge<L> {
    return this.reuse(name, () => {
      const config = { name, help, labelNames, registers: [this.registry] };
      return new Gauge<L>(collect ? { ...config, collect() { return collect(this); } } : config);
    });
  }

  private reuse<M extends Histogram<string> | Gauge<string> | PromCounter<string>>(name: string, make: () => M): M {
    const existing = this.others.get(name);
    if (existing) return existing as M;
    this.checkName(name);
    const made = make();
    this.others.set(name, made);
    return made;
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** Prometheus text exposition. */
  render(): Promise<string> {
    return this.registry.metrics();
  }
}

/** How `/metrics` is reached: on a separate port, behind a bearer token, or open (development only). */
export interface MetricsExposure {
  /** Serve `/metrics` only on this port (not on the public one); in Kubernetes only Prometheus reaches it. */
  port?: number;
  /** Require `Authorization: Bearer <token>` on `/metrics`. */
  token?: string;
  /** Serve `/metrics` without a token on the public port (embedded and development only). */
  open: boolean;
}

export const metricsEnvSchema = z.object({
  METRICS_PORT: port(0).optional(),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
});

/**
 * Outside production `/metrics` is open on the process's own port unless a
 * token or port is set; in production it is served only on METRICS_PORT or
 * with METRICS_TOKEN, and not at all without either.
 */
export function metricsExposure(env: z.infer<typeof metricsEnvSchema> & { NODE_ENV: string }): MetricsExposure {
  if (env.METRICS_PORT !== undefined && env.METRICS_PORT === 0) throw new ConfigError(['METRICS_PORT: must be a fixed port']);
  return {
    ...(env.METRICS_PORT ? { port: env.METRICS_PORT } : {}),
    ...(env.METRICS_TOKEN ? { token: env.METRICS_TOKEN } : {}),
    open: env.NODE_ENV !== 'production' && !env.METRICS_PORT && !env.METRICS_TOKEN,
  };
}
