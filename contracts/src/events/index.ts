import { DomainError, ErrorCode } from '../errors.js';
import { type EventDefinition, type EventEnvelope, EventEnvelopeSchema } from './envelope.js';
import {
  MemberConsentChanged,
  MemberIdentified,
  MemberMerged,
  MemberProfileChanged,
  MemberScopeChanged,
  MemberUnmerged,
  StoreChanged,
} from './member.js';
import { CampaignEngaged, SurveyAnswered, TicketEscalated, TicketOpened } from './service.js';
import { OrderCompleted, OrderImported, OrderRefunded, SkuChanged } from './order.js';
import { PointsChanged, PointsExpiring, TierChanged } from './points.js';

export * from './envelope.js';
export * from './member.js';
export * from './order.js';
export * from './points.js';
export * from './service.js';

/** Every published event, by `type.vN` name. */
export const EVENT_CATALOG: ReadonlyMap<string, EventDefinition> = new Map(
  [
    MemberIdentified,
    MemberMerged,
    MemberUnmerged,
    MemberConsentChanged,
    MemberProfileChanged,
    MemberScopeChanged,
    StoreChanged,
    OrderCompleted,
    OrderRefunded,
    OrderImported,
    SkuChanged,
    PointsChanged,
    TierChanged,
    PointsExpiring,
    SurveyAnswered,
    CampaignEngaged,
    TicketOpened,
    TicketEscalated,
  ].map((d) => [d.name, d as EventDefinition]),
);

/** Validates an envelope and its payload against the catalog; throws BAD_USER_INPUT on mismatch. */
export function parseEvent(raw: unknown): EventEnvelope {
  const env = EventEnvelopeSchema.safeParse(raw);
  if (!env.success)
    throw new DomainError(ErrorCode.BAD_USER_INPUT, `invalid event envelope: ${env.error.message}`);
  const def = EVENT_CATALOG.get(`${env.data.type}.v${env.data.version}`);
  if (!def)
    throw new DomainError(ErrorCode.BAD_USER_INPUT, `unknown event ${env.data.type}.v${env.data.version}`);
  const payload = def.payload.safeParse(env.data.payload);
  if (!payload.success) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, `invalid ${def.name} payload: ${payload.error.message}`);
  }
  return { ...env.data, payload: payload.data };
}

/** Narrows a parsed envelope to one definition's payload type. */
export function isEvent<P>(event: EventEnvelope, def: EventDefinition<string, P>): event is EventEnvelope<P> {
  return event.type === def.type && event.version === def.version;
}
