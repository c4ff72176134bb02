import {
  context,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { z } from 'zod';

/**
 * Traces (OpenTelemetry). Every process calls the API below; until a tracer
 * provider is installed (OTEL_EXPORTER_OTLP_ENDPOINT set, or a test's
 * in-memory exporter) the API is OpenTelemetry's no-op: no span objects, no
 * context storage, nothing exported, so tracing off costs nothing.
 *
 * The chain of a write: gateway request span → one client span per subgraph
 * fetch (W3C `traceparent` header) → the subgraph's request span → its SQL
 * spans; the outbox row stores the `traceparent` of the request that recorded
 * the event, the relay's publish span continues it and puts it in the NATS
 * message headers, and the consumer's span continues that.
 */
export { SpanKind, SpanStatusCode, type Span, type Context };

const TRACER = 'linli';
export const tracer = () => trace.getTracer(TRACER);
/** The span of the work in progress, if tracing is on and one is active. */
export const activeSpan = (): Span | undefined => trace.getActiveSpan();

export const tracingEnvSchema = z.object({
  /** OTLP/HTTP collector base URL (e.g. http://otel-collector:4318); unset: tracing off. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
});

export interface TracingSettings {
  /** Unset: tracing off. */
  endpoint?: string;
  serviceName: string;
}

export function tracingSettings(env: z.infer<typeof tracingEnvSchema>, serviceName: string): TracingSettings {
  return { endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: env.OTEL_SERVICE_NAME ?? serviceName };
}

export interface Tracing {
  shutdown(): Promise<void>;
}

/** Installs the global tracer provider with the given processors (an OTLP batch exporter, or a test's in-memory one). */
export function installTracing(serviceName: string, spanProcessors: SpanProcessor[]): Tracing {
  const provider = new NodeTracerProvider({ resource: resourceFromAttributes({ 'service.name': serviceName }), spanProcessors });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  return {
    shutdown: async () => {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

/** Tests: every span kept in memory as it ends (the spans a test asserts on). */
export function traceInMemory(serviceName = 'linli-test'): Tracing & { spans(): ReadableSpan[]; reset(): void } {
  const exporter = new InMemorySpanExporter();
  const tracing = installTracing(serviceName, [new SimpleSpanProcessor(exporter)]);
  return { shutdown: () => tracing.shutdown(), spans: () => exporter.getFinishedSpans(), reset: () => exporter.reset() };
}

export type { ReadableSpan };

/** Starts exporting over OTLP/HTTP when an endpoint is configured; otherwise does nothing (returns null). */
export function startTracing(settings: TracingSettings): Tracing | null {
  if (!settings.endpoint) return null;
  const exporter = new OTLPTraceExporter({ url: new URL('v1/traces', settings.endpoint.endsWith('/') ? settings.endpoint : `${settings.endpoint}/`).toString() });
  return installTracing(settings.serviceName, [new BatchSpanProcessor(exporter)]);
}

type HeaderSource = Record<string, string | string[] | undefined>;
const headerGetter = {
  keys: (carrier: HeaderSource) => Object.keys(carrier),
  get: (carrier: HeaderSource, key: string) => {
    const value = carrier[key] ?? carrier[key.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
  },
};

/** The trace context carried by incoming headers (`traceparent`), or the active one. */
export function extractTraceContext(headers: HeaderSource): Context {
  return propagation.extract(context.active(), headers, headerGetter);
}

/** Writes the active trace context (`traceparent`, `tracestate`) through `set`; nothing when tracing is off. */
export function injectTraceContext(set: (key: string, value: string) => void, ctx: Context = context.active()): void {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  for (const [key, value] of Object.entries(carrier)) set(key, value);
}

/** The active span's `traceparent`, to store beside an event; null when tracing is off or no span is active. */
export function currentTraceparent(): string | null {
  let value: string | null = null;
  injectTraceContext((key, v) => {
    if (key === 'traceparent') value = v;
  });
  return value;
}

/** The context of a stored `traceparent` (an outbox row, a message header). */
export function traceContextOf(traceparent: string | null | undefined): Context {
  return traceparent ? extractTraceContext({ traceparent }) : context.active();
}

/**
 * Runs `work` inside a new active span (a child of `parent`, default the
 * active context); records a thrown error on the span and rethrows it.
 */
export async function withSpan<T>(
  name: string,
  opts: { kind?: SpanKind; attributes?: Attributes; parent?: Context },
  work: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer().startActiveSpan(name, { kind: opts.kind ?? SpanKind.INTERNAL, attributes: opts.attributes }, opts.parent ?? context.active(), async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** A span that already ended (SQL: the driver reports a statement after it ran, with its duration). */
export function recordFinishedSpan(name: string, durationMs: number, attributes: Attributes, kind = SpanKind.CLIENT): void {
  const active = trace.getSpan(context.active());
  // Without a request or event span there is no trace to add it to.
  if (!active || !active.isRecording()) return;
  const end = Date.now();
  tracer().startSpan(name, { kind, attributes, startTime: end - durationMs }).end(end);
}
