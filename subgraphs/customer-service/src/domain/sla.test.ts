import { isBreached } from './sla.js';

const due = new Date('2026-01-04T00:00:00Z');
describe('SLA breach', () => {
  it('is not breached before the deadline', () =>
    expect(isBreached({ dueAt: due, status: 'OPEN' }, new Date('2026-01-03T23:59:59Z'))).toBe(false));
  it('is breached when open past the deadline', () =>
    expect(isBreached({ dueAt: due, status: 'OPEN' }, new Date('2026-01-04T00:00:01Z'))).toBe(true));
  it('a late first response stays breached', () =>
    expect(
      isBreached(
        { dueAt: due, status: 'RESOLVED', firstResponseAt: new Date('2026-01-05T00:00:00Z') },
        new Date('2026-01-06T00:00:00Z'),
      ),
    ).toBe(true));
  it('an on-time response is not breached', () =>
    expect(
      isBreached(
        { dueAt: due, status: 'OPEN', firstResponseAt: new Date('2026-01-02T00:00:00Z') },
        new Date('2026-02-01T00:00:00Z'),
      ),
    ).toBe(false));
});
