import { readFile, rename, writeFile } from 'node:fs/promises';

export interface ImportCheckpoint {
  /** data rows fully handled, from the first: the import resumes after them */
  done: number;
  rejected: number;
}

export interface CheckpointStore {
  get(name: string): Promise<ImportCheckpoint | null>;
  set(name: string, value: ImportCheckpoint): Promise<void>;
}

/**
 * Checkpoints in a JSON file beside the CSV (the CLI runs outside the platform). Written to a
 * temporary file and renamed, so a crash never leaves a torn checkpoint.
 */
export class FileCheckpoints implements CheckpointStore {
  constructor(private readonly path: string) {}

  async get(name: string): Promise<ImportCheckpoint | null> {
    try {
      const all = JSON.parse(await readFile(this.path, 'utf8')) as Record<string, ImportCheckpoint>;
      return all[name] ?? null;
    } catch {
      return null;
    }
  }

  async set(name: string, value: ImportCheckpoint): Promise<void> {
    let all: Record<string, ImportCheckpoint> = {};
    try {
      all = JSON.parse(await readFile(this.path, 'utf8')) as Record<string, ImportCheckpoint>;
    } catch {
      // first checkpoint
    }
    all[name] = value;
    await writeFile(`${this.path}.tmp`, JSON.stringify(all, null, 2));
    await rename(`${this.path}.tmp`, this.path);
  }
}
