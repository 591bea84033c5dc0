import type { Problem } from './errors.js';

export type Outcome = { ok: string } | { problem: Problem } | null;

/** The answer to a form: a green line, or the problem's meaning with the gateway's message beneath. */
export function Notice({ outcome, testId }: { outcome: Outcome; testId?: string }) {
  if (!outcome) return null;
  if ('ok' in outcome)
    return (
      <p class="ok" role="status" data-testid={testId}>
        {outcome.ok}
      </p>
    );
  const { title, detail } = outcome.problem;
  return (
    <p class="alert" role="alert" data-testid={testId}>
      {title}
      {detail && <small>{detail}</small>}
    </p>
  );
}
