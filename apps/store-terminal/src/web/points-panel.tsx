import { useMemo, useState } from 'preact/hooks';
import type { MemberView, PointsKind, TerminalApi } from './api.js';
import { type Problem, invalid } from './errors.js';
import { formatPoints, parsePoints } from './format.js';
import { IntentKeys } from './intent.js';
import { Notice, type Outcome } from './notice.js';

const KIND: Record<PointsKind, { tab: string; submit: string; done: string; reason: string }> = {
  earn: { tab: '赠送积分', submit: '确认赠送', done: '已赠送', reason: '门店赠送' },
  redeem: { tab: '积分抵扣', submit: '确认抵扣', done: '已抵扣', reason: '门店抵扣' },
};

/** Award or redeem points for the member at the counter; a retry after no answer is the same entry. */
export function PointsPanel(props: {
  api: TerminalApi;
  member: MemberView;
  onDone: () => void;
  onFail: (error: unknown) => Problem;
}) {
  const [kind, setKind] = useState<PointsKind>('redeem');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const keys = useMemo(() => new IntentKeys(), []);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const parsed = parsePoints(amount);
    if ('error' in parsed) return setOutcome({ problem: invalid(parsed.error) });
    const why = reason.trim() || KIND[kind].reason;
    const key = keys.keyFor(JSON.stringify([kind, props.member.id, parsed.points, why]));
    setBusy(true);
    try {
      const entry = await props.api.points(kind, props.member.id, parsed.points, why, key);
      keys.answered();
      setOutcome({
        ok: `${KIND[kind].done} ${formatPoints(parsed.points)} 积分，当前余额 ${formatPoints(entry.balanceAfter)}`,
      });
      setAmount('');
      setReason('');
      props.onDone();
    } catch (error) {
      const problem = props.onFail(error);
      keys.answered(problem.code);
      const insufficient = `积分不足：可用 ${formatPoints(props.member.points.balance)} 积分`;
      setOutcome({
        problem: problem.code === 'INSUFFICIENT_POINTS' ? { ...problem, title: insufficient } : problem,
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card points" aria-label="积分操作">
      <div class="tabs" role="tablist">
        {(Object.keys(KIND) as PointsKind[]).map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={kind === k}
            class={kind === k ? 'tab active' : 'tab'}
            onClick={() => {
              setKind(k);
              setOutcome(null);
            }}
          >
            {KIND[k].tab}
          </button>
        ))}
      </div>
      <form onSubmit={submit}>
        <label for="points">积分</label>
        <input
          id="points"
          inputMode="numeric"
          autoComplete="off"
          placeholder={`可用 ${formatPoints(props.member.points.balance)}`}
          value={amount}
          onInput={(e) => setAmount((e.target as HTMLInputElement).value)}
        />
        <label for="reason">备注</label>
        <input
          id="reason"
          autoComplete="off"
          placeholder={KIND[kind].reason}
          value={reason}
          onInput={(e) => setReason((e.target as HTMLInputElement).value)}
        />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? '提交中…' : keys.retrying ? `重试${KIND[kind].submit.slice(2)}` : KIND[kind].submit}
        </button>
      </form>
      <Notice outcome={outcome} testId="points-result" />
    </section>
  );
}
