import { Injectable } from '@nestjs/common';

/**
 * The time the domain rules run on (check-in, elections, review cases, study heartbeats). Tests drive it (`set`, `advance`) instead of sleeping through
 * QR steps; in production it is the system clock. Check-in times come from here, not from now() in SQL.
 */
@Injectable()
export class Clock {
  private fixedMs: number | null = null;
  private offsetMs = 0;

  now(): Date {
    return new Date(this.nowMs());
  }

  nowMs(): number {
    return this.fixedMs ?? Date.now() + this.offsetMs;
  }

  /** Tests only: stop the clock at `at`. */
  set(at: Date | string): void {
    this.fixedMs = new Date(at).getTime();
  }

  /** Tests only: move the clock (fixed or running) forward. */
  advance(ms: number): void {
    if (this.fixedMs !== null) this.fixedMs += ms;
    else this.offsetMs += ms;
  }

  reset(): void {
    this.fixedMs = null;
    this.offsetMs = 0;
  }
}
