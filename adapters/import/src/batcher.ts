import { DomainError, type ErrorCode } from '@zhongtai/contracts';

/**
 * Rows sent one by one (the importer's unit of progress and retry) that reach the platform in batches:
 * each `send` resolves when its batch was answered — or rejects with its own refusal (a `DomainError`
 * with the code the platform gave it), or with the batch's error when the whole call failed (the
 * importer then retries that row, in a later batch). A batch goes out when `size` rows wait or
 * `lingerMs` after its first row.
 */
export class RowBatcher<T> {
  private waiting: Array<{ item: T; resolve: () => void; reject: (e: unknown) => void }> = [];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly sendBatch: (
      items: T[],
    ) => Promise<{ rejected: Array<{ index: number; code: string; message: string }> }>,
    private readonly opts: { size: number; lingerMs?: number },
  ) {}

  send(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.waiting.length >= this.opts.size) void this.flush();
      else this.timer ??= setTimeout(() => void this.flush(), this.opts.lingerMs ?? 25);
    });
  }

  private async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.waiting;
    this.waiting = [];
    if (!batch.length) return;
    try {
      const r = await this.sendBatch(batch.map((b) => b.item));
      const refused = new Map(r.rejected.map((x) => [x.index, x]));
      batch.forEach((b, i) => {
        const x = refused.get(i);
        if (x) b.reject(new DomainError(x.code as ErrorCode, x.message));
        else b.resolve();
      });
    } catch (error) {
      for (const b of batch) b.reject(error);
    }
  }
}
