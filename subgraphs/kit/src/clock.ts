import { readFileSync } from 'node:fs';

/** Injected time, so schedules, expiries and SLAs are testable. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  private t: number;
  constructor(start: Date | string = '2026-01-01T00:00:00.000Z') {
    this.t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  set(to: Date | string): void {
    this.t = new Date(to).getTime();
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/**
 * Development and tests only (`CLOCK_OFFSET_FILE`): the system time plus an offset in milliseconds kept in
 * a file, which an end-to-end test moves to make days pass in every process at once (a return window, an
 * SLA) — the processes of the multi-process mode share no memory. The file is read again by the first
 * `now()` 50 ms or more after the last read (no timer: a busy process sees a change as soon as it asks the
 * time); a missing or unreadable file means no offset.
 */
export class OffsetFileClock implements Clock {
  private offset = 0;
  private readAt = -Infinity;

  constructor(private readonly path: string) {}

  now(): Date {
    const t = Date.now();
    if (t - this.readAt >= 50) {
      this.readAt = t;
      try {
        const ms = Number(readFileSync(this.path, 'utf8').trim());
        this.offset = Number.isFinite(ms) ? ms : 0;
      } catch {
        this.offset = 0;
      }
    }
    return new Date(t + this.offset);
  }
}
