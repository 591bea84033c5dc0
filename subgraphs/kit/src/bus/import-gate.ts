import { DomainError, ErrorCode } from '@zhongtai/contracts';
import { type EventBus, sleep } from './event-bus.js';

/** Consumers' backlog (events) above which bulk writes wait (IMPORT_MAX_BACKLOG). */
export const DEFAULT_IMPORT_MAX_BACKLOG = 5_000;
/** How long one bulk write waits for the backlog to come down before it is refused (RATE_LIMITED). */
/** (well within the importer's 30 s call timeout, and the orders import's identifyMembers call's: a refusal reaches them as RATE_LIMITED, not as a timeout) */
export const DEFAULT_IMPORT_MAX_WAIT_MS = 10_000;

/**
 * Platform services whose bulk calls to another subgraph come from a batch their own gate admitted
 * already (the orders import identifying its buyers): not paced a second time — gated twice, the
 * batch would wait again, be refused or time out, and be sent again whole. The importer (`service:import`)
 * and adapters are paced.
 */
export const SELF_PACED_SERVICES: ReadonlySet<string> = new Set(['service:orders']);

/**
 * Backpressure for bulk writes (history imports): a batch starts only while the event consumers are
 * at most `maxBacklog` events behind (`EventBus.backlog`), else it waits, polling with a growing pause;
 * after `maxWaitMs` it is refused with RATE_LIMITED (nothing written; the importer waits and sends it
 * again). So an import runs at the pace of the slowest consumer instead of piling events up in memory
 * and in the outbox, and live traffic keeps its share.
 */
export class ImportGate {
  /** what it did, for logs and metrics: batches admitted, refused, and the time they waited */
  readonly stats = { admitted: 0, refused: 0, waitedMs: 0 };

  constructor(
    private readonly bus: Pick<EventBus, 'backlog'>,
    private readonly opts: { maxBacklog?: number; maxWaitMs?: number; pollMs?: number } = {},
  ) {}

  /** `caller`: who asks (a request's claims); a self-paced platform service is admitted at once */
  async admit(caller?: { sub?: string }): Promise<void> {
    if (caller?.sub && SELF_PACED_SERVICES.has(caller.sub)) {
      this.stats.admitted++;
      return;
    }
    const max = this.opts.maxBacklog ?? DEFAULT_IMPORT_MAX_BACKLOG;
    const began = Date.now();
    const until = began + (this.opts.maxWaitMs ?? DEFAULT_IMPORT_MAX_WAIT_MS);
    let pause = this.opts.pollMs ?? 20;
    for (;;) {
      const backlog = await this.bus.backlog();
      if (backlog <= max) {
        this.stats.admitted++;
        this.stats.waitedMs += Date.now() - began;
        return;
      }
      if (Date.now() >= until) {
        this.stats.refused++;
        this.stats.waitedMs += Date.now() - began;
        throw new DomainError(
          ErrorCode.RATE_LIMITED,
          `the platform is still handling earlier writes (${backlog} events behind, at most ${max}): send this batch again shortly`,
          { backlog, retryAfterMs: 1_000 },
        );
      }
      await sleep(Math.min(pause, Math.max(1, until - Date.now())));
      pause = Math.min(pause * 2, 500);
    }
  }
}
