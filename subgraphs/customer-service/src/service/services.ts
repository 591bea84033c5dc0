import type { AnswerService } from './answer-service.js';
import type { CatalogueService } from './catalogue-service.js';
import type { FanService } from './fan-service.js';
import type { MergeFollower } from './merge-follower.js';
import type { SlaWatch } from './sla-watch.js';
import type { SurveyPlanner } from './survey-planner.js';
import type { SurveyReads } from './survey-reads.js';
import type { SurveySender } from './survey-sender.js';
import type { TicketService } from './ticket-service.js';

/** The services of the customer-service subgraph, one use-case family each (built in index.ts). */
export interface CareServices {
  catalogue: CatalogueService;
  planner: SurveyPlanner;
  sender: SurveySender;
  answers: AnswerService;
  surveys: SurveyReads;
  tickets: TicketService;
  sla: SlaWatch;
  merges: MergeFollower;
  fans: FanService;
}
