import { useState } from 'preact/hooks';
import type { MemberView, TerminalApi } from './api.js';
import { type Problem, describe } from './errors.js';
import type { StaffClaims } from './format.js';
import { parseLookup } from './format.js';
import { ROLE, label } from './labels.js';
import { MemberCard } from './member-card.js';
import { Notice } from './notice.js';
import { OrdersList } from './orders.js';
import { PointsPanel } from './points-panel.js';
import { SearchBar } from './search.js';
import { TicketsList } from './tickets.js';

type Status =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'not-found'; text: string }
  | { kind: 'error'; problem: Problem };

export function Terminal(props: {
  api: TerminalApi;
  claims: StaffClaims;
  onLogout: (why?: string | null) => void;
}) {
  const { api, claims } = props;
  const [member, setMember] = useState<MemberView | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  /** a failed call: an expired or refused login goes back to the login form, anything else is shown */
  const fail = (error: unknown) => {
    const problem = describe(error);
    if (problem.code === 'UNAUTHENTICATED') props.onLogout(problem.title);
    else setStatus({ kind: 'error', problem });
    return problem;
  };

  const search = async (text: string) => {
    const lookup = parseLookup(text);
    if (lookup.kind === 'empty') return;
    setStatus({ kind: 'busy' });
    try {
      const found = await api.find(lookup);
      setMember(found);
      setStatus(found ? { kind: 'idle' } : { kind: 'not-found', text: text.trim() });
    } catch (error) {
      setMember(null);
      fail(error);
    }
  };

  const refresh = async () => {
    if (!member) return;
    try {
      setMember(await api.reload(member.id));
    } catch (error) {
      fail(error);
    }
  };

  const where = claims.storeId ?? claims.region ?? claims.tenant;
  return (
    <div class="terminal">
      <header class="bar">
        <strong>中台会员 · 门店终端</strong>
        <span class="who" data-testid="who">
          {where} · {label(ROLE, claims.role)}
        </span>
        <button type="button" class="link" onClick={() => props.onLogout(null)}>
          退出登录
        </button>
      </header>
      <SearchBar busy={status.kind === 'busy'} onSearch={search} />
      {status.kind === 'not-found' && (
        <p class="alert" role="status">
          未找到会员“{status.text}”：可能尚未注册，或不在本店的可见范围。
        </p>
      )}
      {status.kind === 'error' && <Notice outcome={{ problem: status.problem }} />}
      {member && (
        <div class="grid">
          <MemberCard member={member} />
          <PointsPanel
            key={member.id}
            api={api}
            member={member}
            onDone={refresh}
            onFail={describeOrLogout(fail)}
          />
          <OrdersList member={member} />
          <TicketsList api={api} member={member} onDone={refresh} onFail={describeOrLogout(fail)} />
        </div>
      )}
    </div>
  );
}

/** panels show their own errors; a lost login still goes back to the form */
const describeOrLogout =
  (fail: (error: unknown) => Problem) =>
  (error: unknown): Problem => {
    const problem = describe(error);
    return problem.code === 'UNAUTHENTICATED' ? fail(error) : problem;
  };
