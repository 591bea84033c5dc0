import { checkReading, sumReadings } from './stock.js';

const at = (iso: string) => new Date(iso);

describe('stock', () => {
  it('accepts consistent readings only', () => {
    expect(() => checkReading({ onHand: 5, available: 5 })).not.toThrow();
    expect(() => checkReading({ onHand: 0, available: 0 })).not.toThrow();
    for (const r of [
      { onHand: 4, available: 5 },
      { onHand: -1, available: 0 },
      { onHand: 3, available: -1 },
    ])
      expect(() => checkReading(r)).toThrow('0 <= available <= onHand');
  });

  it('sums readings, as old as the oldest', () => {
    expect(
      sumReadings(
        [
          { onHand: 10, available: 8, asOf: at('2026-03-02T00:00:00Z') },
          { onHand: 5, available: 1, asOf: at('2026-03-01T00:00:00Z') },
        ],
        at('2026-03-05T00:00:00Z'),
      ),
    ).toEqual({ onHand: 15, available: 9, asOf: at('2026-03-01T00:00:00Z'), stale: false });
  });

  it('is nothing as of now without readings', () => {
    const now = at('2026-03-05T00:00:00Z');
    expect(sumReadings([], now)).toEqual({ onHand: 0, available: 0, asOf: now, stale: false });
  });
});
