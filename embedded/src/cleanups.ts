import type { Logger } from '@zhongtai/subgraph-kit';

/**
 * What to undo, in reverse order of doing it: `push` after each step that needs undoing, `run` on
 * stop or when a later step fails. A failing step is logged and the others still run.
 */
export class Cleanups {
  private readonly steps: Array<() => Promise<void> | void> = [];

  constructor(
    private readonly logger: Logger,
    private readonly what = 'shutdown step failed',
  ) {}

  push(step: () => Promise<void> | void): void {
    this.steps.push(step);
  }

  readonly run = async (): Promise<void> => {
    for (const step of this.steps.splice(0).reverse())
      await Promise.resolve()
        .then(step)
        .catch((error: unknown) => this.logger.warn({ err: error }, this.what));
  };
}
