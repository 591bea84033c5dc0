/**
 * The records the customer-service subgraph keeps, as the rest of the code reads them (store/ maps
 * them to the collections `tickets` and `surveys`; services and resolvers never see a model).
 */

export type TicketStatus = 'OPEN' | 'WAITING_ON_CUSTOMER' | 'RESOLVED';
export type SurveyStatus = 'SCHEDULED' | 'SENT' | 'ANSWERED' | 'EXPIRED';

/** A complaint ticket (R-CS-4, R-CS-5). */
export interface TicketDoc {
  _id: string;
  tenant: string;
  memberId: string;
  orderId?: string;
  storeId?: string;
  status: TicketStatus;
  subject: string;
  openedAt: Date;
  firstResponseAt?: Date;
  /** the first follow-up's deadline (`FIRST_RESPONSE_SLA_MS` after opening, sla.ts) */
  dueAt: Date;
  resolvedAt?: Date;
}

/** A post-purchase survey of one order (R-CS-1). */
export interface SurveyDoc {
  _id: string;
  tenant: string;
  memberId: string;
  orderId: string;
  storeId?: string;
  status: SurveyStatus;
  scheduledFor: Date;
  score?: number;
  comment?: string;
  answeredAt?: Date;
}
