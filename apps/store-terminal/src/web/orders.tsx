import type { MemberView } from './api.js';
import { formatMoney, formatTime } from './format.js';
import { CHANNEL, ORDER_STATUS, label } from './labels.js';

export function OrdersList({ member }: { member: MemberView }) {
  const { nodes, totalCount } = member.orders;
  return (
    <section class="card orders" aria-label="最近订单">
      <h3>
        最近订单 <small>共 {totalCount} 单</small>
      </h3>
      {nodes.length ? (
        <table>
          <thead>
            <tr>
              <th>时间</th>
              <th>渠道</th>
              <th>门店</th>
              <th>状态</th>
              <th class="num">金额</th>
            </tr>
          </thead>
          <tbody>
            {nodes.map((o) => (
              <tr key={o.id}>
                <td>{formatTime(o.placedAt)}</td>
                <td>{label(CHANNEL, o.channel)}</td>
                <td>{o.store?.name ?? '—'}</td>
                <td>{label(ORDER_STATUS, o.status)}</td>
                <td class="num">{formatMoney(o.total.amount, o.total.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="muted">暂无订单</p>
      )}
    </section>
  );
}
