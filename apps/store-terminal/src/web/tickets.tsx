import { useState } from 'preact/hooks';
import type { MemberView, TerminalApi } from './api.js';
import { type Problem, invalid } from './errors.js';
import { formatTime } from './format.js';
import { TICKET_STATUS, label } from './labels.js';
import { Notice, type Outcome } from './notice.js';

type Ticket = MemberView['tickets'][number];

/** The member's open tickets (feedback the store must follow up within the SLA), each answerable here. */
export function TicketsList(props: {
  api: TerminalApi;
  member: MemberView;
  onDone: () => void;
  onFail: (error: unknown) => Problem;
}) {
  const { tickets } = props.member;
  return (
    <section class="card tickets" aria-label="待处理工单">
      <h3>
        待处理工单 <small>{tickets.length} 个</small>
      </h3>
      {tickets.length ? (
        <ul>
          {tickets.map((t) => (
            <TicketItem key={t.id} ticket={t} {...props} />
          ))}
        </ul>
      ) : (
        <p class="muted">暂无待处理工单</p>
      )}
    </section>
  );
}

function TicketItem(props: {
  ticket: Ticket;
  api: TerminalApi;
  onDone: () => void;
  onFail: (error: unknown) => Problem;
}) {
  const { ticket } = props;
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Outcome>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (!message.trim()) return setResult({ problem: invalid('请填写回复内容') });
    setBusy(true);
    try {
      const answered = await props.api.respond(ticket.id, message.trim());
      setResult({ ok: `已回复，工单状态：${label(TICKET_STATUS, answered.status)}` });
      setMessage('');
      props.onDone();
    } catch (error) {
      setResult({ problem: props.onFail(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <li class={ticket.breached ? 'ticket breached' : 'ticket'}>
      <p class="subject">{ticket.subject}</p>
      <p class="muted">
        {label(TICKET_STATUS, ticket.status)} · 开单 {formatTime(ticket.openedAt)} · 跟进截止{' '}
        {formatTime(ticket.dueAt)}
        {ticket.breached && <strong class="late"> 已超时</strong>}
      </p>
      <form onSubmit={submit} class="row">
        <input
          aria-label="回复内容"
          placeholder="回复顾客（如：已致电，安排退换）"
          value={message}
          onInput={(e) => setMessage((e.target as HTMLInputElement).value)}
        />
        <button type="submit" disabled={busy}>
          {busy ? '提交中…' : '回复'}
        </button>
      </form>
      <Notice outcome={result} />
    </li>
  );
}
