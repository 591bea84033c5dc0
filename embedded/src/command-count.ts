import mongoose from 'mongoose';

/** One database command as counted: `<db> <command> <collection>`, e.g. `points update point_accounts`. */
export type CommandKey = string;

type Started = { commandName: string; databaseName: string; command: Record<string, unknown> };

/**
 * A background sweep (outbox relays, resume jobs, due claims): a `find` across tenants — no tenant or
 * `_id` in its filter — with a limit. Requests and event handlers always ask for one tenant's data.
 */
export function isSweep(ev: Started): boolean {
  if (ev.commandName !== 'find' || ev.command.limit === undefined) return false;
  const filter = (ev.command.filter ?? {}) as Record<string, unknown>;
  return !('tenant' in filter) && !('_id' in filter);
}

/**
 * Counts every command the platform's connections send — all subgraphs, their event handlers
 * included — by database, command and collection: what tests and the bench pin per operation. The
 * background sweeps that run on timers meanwhile are counted apart (`sweeps`).
 */
export class CommandCounter {
  private counts = new Map<CommandKey, number>();
  sweeps = 0;
  private readonly detach: Array<() => void> = [];

  constructor() {
    for (const conn of mongoose.connections) {
      const client = conn.getClient?.();
      if (!client) continue;
      const listener = (ev: Started) => {
        if (ev.commandName === 'endSessions') return;
        if (isSweep(ev)) return void this.sweeps++;
        const target = ev.command[ev.commandName];
        const db = ev.databaseName.replace(/^zhongtai_/, '');
        const key = `${db} ${ev.commandName} ${typeof target === 'string' ? target : ''}`.trim();
        this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
      };
      client.on('commandStarted', listener);
      this.detach.push(() => client.off('commandStarted', listener));
    }
  }

  /** Commands since the last reset (sweeps not included). */
  get total(): number {
    let n = 0;
    for (const v of this.counts.values()) n += v;
    return n;
  }

  /** Commands since the last reset by key, most frequent first. */
  breakdown(): Array<[CommandKey, number]> {
    return [...this.counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  }

  reset(): void {
    this.counts = new Map();
    this.sweeps = 0;
  }

  stop(): void {
    for (const d of this.detach.splice(0)) d();
  }
}
