import type { AdapterHealth } from '@zhongtai/contracts';
import { type LegacyHttp, type LegacyHttpOptions, createLegacyHttp } from './http-client.js';

/**
 * An adapter's client and its health probe. The probe asks once (no retries) with its own timeout
 * and its own circuit that never opens, so health checks neither wait on the data path's retries nor
 * open the data path's circuit.
 */
export function createLegacyClients(
  opts: LegacyHttpOptions,
  probeTimeoutMs: number,
): { http: LegacyHttp; probe: LegacyHttp } {
  return {
    http: createLegacyHttp(opts),
    probe: createLegacyHttp({
      ...opts,
      timeoutMs: probeTimeoutMs,
      retries: 0,
      breaker: { threshold: Number.MAX_SAFE_INTEGER },
    }),
  };
}

/**
 * Runs a health probe and never throws: `ask` resolves with the system's verdict (nothing means
 * healthy) or throws; with `circuitOf`, an open data-path circuit also reports unhealthy.
 */
export async function probeHealth(
  ask: () => Promise<{ ok: boolean; detail?: string } | void>,
  circuitOf?: LegacyHttp,
): Promise<AdapterHealth> {
  const started = Date.now();
  try {
    const verdict = (await ask()) ?? { ok: true };
    const latencyMs = Date.now() - started;
    if (verdict.ok && circuitOf?.state() === 'open')
      return { ok: false, detail: 'circuit open after repeated failures', latencyMs };
    return { ...verdict, latencyMs };
  } catch (error) {
    return { ok: false, detail: (error as Error).message, latencyMs: Date.now() - started };
  }
}
