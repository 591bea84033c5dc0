import { type Connection, type Model, Schema } from 'mongoose';
import type { Logger } from '../logging.js';
import type { DeadLetter } from './event-bus.js';
import { modelOn } from '../mongo/connection.js';

/** Where the in-process bus keeps its dead letters: in memory (tests) or in the store (survives restarts). */
export interface DeadLetterStore {
  add(letter: DeadLetter): Promise<void>;
  list(group?: string): Promise<DeadLetter[]>;
  remove(group: string, eventIds: string[]): Promise<void>;
}

export class MemoryDeadLetters implements DeadLetterStore {
  private readonly letters = new Map<string, DeadLetter>();
  async add(letter: DeadLetter): Promise<void> {
    this.letters.set(`${letter.group}|${letter.event.id}`, letter);
  }
  async list(group?: string): Promise<DeadLetter[]> {
    return [...this.letters.values()].filter((l) => !group || l.group === group);
  }
  async remove(group: string, eventIds: string[]): Promise<void> {
    for (const id of eventIds) this.letters.delete(`${group}|${id}`);
  }
}

interface LetterDoc extends DeadLetter {
  _id: string;
}
const schema = new Schema<LetterDoc>(
  {
    _id: String,
    group: String,
    event: { type: Schema.Types.Mixed },
    error: String,
    deliveries: Number,
    at: String,
  },
  { versionKey: false, minimize: false },
);
schema.index({ group: 1 });

/** Dead letters of the in-process bus kept in the store (the all-in-one process), so a restart keeps them. */
export class MongoDeadLetters implements DeadLetterStore {
  private readonly model: Model<LetterDoc>;
  constructor(db: Connection) {
    this.model = modelOn(db, 'DeadLetter', schema, 'dead_letters');
  }
  async add(letter: DeadLetter): Promise<void> {
    const _id = `${letter.group}|${letter.event.id}`;
    await this.model.replaceOne({ _id }, { _id, ...letter }, { upsert: true });
  }
  async list(group?: string): Promise<DeadLetter[]> {
    const docs = await this.model.find(group ? { group } : {}).lean<LetterDoc[]>();
    return docs.map(({ _id, ...letter }) => (void _id, letter));
  }
  async remove(group: string, eventIds: string[]): Promise<void> {
    await this.model.deleteMany({ _id: { $in: eventIds.map((id) => `${group}|${id}`) } });
  }
}

/** The alert-worthy line an operator is paged on (level error, fixed message). */
export function logDeadLetter(logger: Logger | undefined, letter: DeadLetter): void {
  logger?.error(
    {
      alert: 'event-dead-lettered',
      group: letter.group,
      eventId: letter.event.id,
      eventType: `${letter.event.type}.v${letter.event.version}`,
      deliveries: letter.deliveries,
      err: letter.error,
    },
    'event dead-lettered after every retry: inspect with `npm run dead-letters`, replay with `npm run dead-letters -- replay`',
  );
}
