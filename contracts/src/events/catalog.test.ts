import * as events from './index.js';
import { EVENT_CATALOG, parseEvent } from './index.js';

const definitions = (Object.values(events) as unknown[]).filter(
  (v): v is events.EventDefinition =>
    typeof v === 'object' && v !== null && 'payload' in v && 'name' in v && 'type' in v,
);

describe('event catalog', () => {
  it('lists every published event definition', () => {
    expect(definitions.length).toBeGreaterThan(5);
    for (const d of definitions) expect(EVENT_CATALOG.get(d.name)).toBe(d);
  });

  it('names events noun.pastTenseVerb.vN', () => {
    for (const name of EVENT_CATALOG.keys()) expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+\.v\d+$/);
  });

  it('rejects unknown events and bad payloads with BAD_USER_INPUT', () => {
    const base = { id: 'e1', tenant: 'demo', occurredAt: new Date().toISOString(), producer: 't', key: 'k' };
    expect(() => parseEvent({ ...base, type: 'nothing.happened', version: 1, payload: {} })).toThrow(
      /unknown event/,
    );
    expect(() =>
      parseEvent({ ...base, type: 'order.refunded', version: 1, payload: { orderId: 'o' } }),
    ).toThrow(/invalid order.refunded.v1 payload/);
    const ok = parseEvent({
      ...base,
      type: 'member.merged',
      version: 1,
      payload: { mergeId: 'm', survivorId: 's', mergedId: 'x', reason: 'r' },
    });
    expect(ok.payload).toEqual({ mergeId: 'm', survivorId: 's', mergedId: 'x', reason: 'r' });
  });
});
