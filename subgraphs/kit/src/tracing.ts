import {
  type Attributes,
  INVALID_SPAN_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  context,
  propagation,
  trace,
} from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/**
 * OpenTelemetry tracing, off unless asked for (OTEL_EXPORTER_OTLP_ENDPOINT or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT): one trace per request from the gateway through every
 * subgraph call (W3C `traceparent` on the wire), the service calls back through the gateway, the
 * adapters' calls to legacy systems, and each database command. Spans are made by our own code at
 * those points — no loader hooks, so it works the same in ESM and in one process or many — and by
 * Apollo's gateway, which makes its own (`gateway.request`, `gateway.plan`, `gateway.fetch`) once a
 * tracer provider is registered.
 */
let enabled = false;
let provider: NodeTracerProvider | undefined;
const tracer = () => trace.getTracer('zhongtai');
/** what `fn` gets while tracing is off: a span that records nothing */
const NO_SPAN = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

export interface TracingOptions {
  /** `service.name` of the spans (gateway, member, adapters-sync, …; the all-in-one process: zhongtai) */
  serviceName: string;
  /** the OTLP/HTTP traces endpoint, e.g. http://otel-collector:4318/v1/traces */
  url?: string;
  /** a span exporter of one's own (tests: an in-memory one), exported as each span ends */
  exporter?: SpanExporter;
}

/**
 * Registers the process's tracer provider (once; later calls return the first). Returns its
 * shutdown (flushes what is left), or undefined when neither a URL nor an exporter is given.
 */
export function startTracing(opts: TracingOptions): (() => Promise<void>) | undefined {
  if (provider) return stopTracing;
  if (!opts.url && !opts.exporter) return undefined;
  const processor: SpanProcessor = opts.exporter
    ? new SimpleSpanProcessor(opts.exporter)
    : new BatchSpanProcessor(new OTLPTraceExporter({ url: opts.url }));
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': opts.serviceName }),
    spanProcessors: [processor],
  });
  provider.register(); // AsyncLocalStorage context, W3C trace context and baggage propagators
  enabled = true;
  return stopTracing;
}

/** Flushes and stops tracing; the process's globals are released (a later start registers anew). */
async function stopTracing(): Promise<void> {
  const p = provider;
  enabled = false;
  provider = undefined;
  await p?.shutdown();
  trace.disable();
  context.disable();
  propagation.disable();
}

export const tracingEnabled = () => enabled;

/** The OTLP traces URL the environment names (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, or the base endpoint + /v1/traces). */
export function otlpTracesUrl(env: {
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;
  OTEL_SDK_DISABLED?: string;
}): string | undefined {
  if (env.OTEL_SDK_DISABLED === 'true') return undefined;
  if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT)
    return `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`;
  return undefined;
}

async function inSpan<T>(span: Span, fn: (span: Span) => Promise<T>): Promise<T> {
  try {
    return await context.with(trace.setSpan(context.active(), span), () => fn(span));
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    throw error;
  } finally {
    span.end();
  }
}

/** A request this process serves, continuing the caller's trace from its headers. */
export function withServerSpan<T>(
  name: string,
  headers: Record<string, string | string[] | undefined>,
  attributes: Attributes,
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  if (!enabled) return fn(NO_SPAN);
  const parent = propagation.extract(context.active(), headers);
  const span = tracer().startSpan(name, { kind: SpanKind.SERVER, attributes }, parent);
  return context.with(trace.setSpan(parent, span), () => inSpan(span, fn));
}

/** A call this process makes: `fn` gets the headers that carry the trace to the callee. */
export function withClientSpan<T>(
  name: string,
  attributes: Attributes,
  fn: (traceHeaders: Record<string, string>, span: Span) => Promise<T>,
): Promise<T> {
  if (!enabled) return fn({}, NO_SPAN);
  const span = tracer().startSpan(name, { kind: SpanKind.CLIENT, attributes });
  return inSpan(span, async (s) => {
    const carrier: Record<string, string> = {};
    propagation.inject(context.active(), carrier);
    return fn(carrier, s);
  });
}

/** A span started now and ended later by the caller (database commands, from the driver's events). */
export function startClientSpan(name: string, attributes: Attributes): Span | undefined {
  if (!enabled) return undefined;
  return tracer().startSpan(name, { kind: SpanKind.CLIENT, attributes });
}

/** The current trace's id (log lines), or undefined outside a traced request. */
export function currentTraceId(): string | undefined {
  const ctx = trace.getSpanContext(context.active());
  return ctx && trace.isSpanContextValid(ctx) ? ctx.traceId : undefined;
}
