import { isBreached, isOpen } from './sla.js';

const due = new Date('2026-01-04T00:00:00Z');
describe('SLA breach', () => {
  it('is not breached before the deadline', () =>
    expect(isBreached({ dueAt: due, status: 'OPEN' }, new Date('2026-01-03T23:59:59Z'))).toBe(false));
  it('is not breached at the deadline itself', () =>
    expect(isBreached({ dueAt: due, status: 'OPEN' }, due)).toBe(false));
  it('is breached when open past the deadline', () =>
    expect(isBreached({ dueAt: due, status: 'OPEN' }, new Date('2026-01-04T00:00:01Z'))).toBe(true));
  it('is breached while waiting on the customer past the deadline without a response', () =>
    expect(isBreached({ dueAt: due, status: 'WAITING_ON_CUSTOMER' }, new Date('2026-01-05T00:00:00Z'))).toBe(
      true,
    ));
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

describe('open tickets', () => {
  it.each([
    ['OPEN', true],
    ['WAITING_ON_CUSTOMER', true],
    ['RESOLVED', false],
  ] as const)('%s is open: %s', (status, open) => expect(isOpen({ status })).toBe(open));
});
