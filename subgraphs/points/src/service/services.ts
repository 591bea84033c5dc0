import type { AccountCommands } from './account-commands.js';
import type { AccountReads } from './account-reads.js';
import type { GrantLimitsService } from './grant-limits.js';
import type { HoldsService } from './holds.js';
import type { LedgerJobs } from './ledger-jobs.js';
import type { LedgerService } from './ledger-service.js';
import type { MergeReactions } from './merge-reactions.js';
import type { Openings } from './openings.js';
import type { OrderPointsService } from './order-points.js';
import type { PlusService } from './plus-service.js';
import type { Reconciler } from './reconciliation.js';

/** The services of the points subgraph, one use-case family each (built in index.ts). */
export interface PointsServices {
  ledger: LedgerService;
  reads: AccountReads;
  commands: AccountCommands;
  openings: Openings;
  plus: PlusService;
  orders: OrderPointsService;
  merges: MergeReactions;
  limits: GrantLimitsService;
  holds: HoldsService;
  jobs: LedgerJobs;
  reconciler: Reconciler;
}
