import { DomainError, ErrorCode } from '@zhongtai/contracts';
import { retryUnavailable } from './retry-unavailable.js';

const timeout = () =>
  new DomainError(
    ErrorCode.UPSTREAM_UNAVAILABLE,
    'service call failed: The operation was aborted due to timeout',
  );

describe('retryUnavailable (seed and legacy sync calls)', () => {
  it('makes a call the platform did not answer again, and returns its answer', async () => {
    let calls = 0;
    const answer = await retryUnavailable(
      async () => {
        if (++calls < 3) throw timeout();
        return 'ok';
      },
      4,
      1,
    );
    expect({ answer, calls }).toEqual({ answer: 'ok', calls: 3 });
  });

  it('gives up after the last attempt', async () => {
    let calls = 0;
    await expect(
      retryUnavailable(
        async () => {
          calls++;
          throw timeout();
        },
        3,
        1,
      ),
    ).rejects.toThrow(/timeout/);
    expect(calls).toBe(3);
  });

  it('throws what the platform answered at once (a conflict is not a hiccup)', async () => {
    let calls = 0;
    const conflict = new DomainError(
      ErrorCode.UPSTREAM_UNAVAILABLE,
      'This idempotency key was used with a different request',
    );
    await expect(
      retryUnavailable(
        async () => {
          calls++;
          throw conflict;
        },
        4,
        1,
      ),
    ).rejects.toBe(conflict);
    expect(calls).toBe(1);
  });
});
