import type { MemberView } from './api.js';
import { formatMoney, formatPoints, formatTime } from './format.js';
import { LIFECYCLE, label } from './labels.js';

/** Who is at the counter: masked phone (the gateway masks it for clerks), tier, tags, points. */
export function MemberCard({ member }: { member: MemberView }) {
  const { points, growth, orderStats } = member;
  return (
    <section class="card member" aria-label="会员">
      <div class="head">
        <h2 data-testid="member-name">{member.displayName ?? '未留姓名'}</h2>
        <span class="tier">{growth.tier.name}</span>
      </div>
      <p class="phone" data-testid="member-phone">
        {member.phone ?? '未留手机号'}
      </p>
      <p class="muted">
        {label(LIFECYCLE, member.lifecycleStage)} · 入会 {formatTime(member.joinedAt).slice(0, 10)}
      </p>
      <ul class="tags" aria-label="标签">
        {member.tags.map((t) => (
          <li key={t.name}>{t.name}</li>
        ))}
        {!member.tags.length && <li class="none">暂无标签</li>}
      </ul>
      <dl class="figures">
        <div>
          <dt>可用积分</dt>
          <dd class="balance" data-testid="balance">
            {formatPoints(points.balance)}
          </dd>
        </div>
        <div>
          <dt>待生效</dt>
          <dd>{formatPoints(points.pending)}</dd>
        </div>
        <div>
          <dt>30 天内到期</dt>
          <dd>{formatPoints(points.expiring)}</dd>
        </div>
        <div>
          <dt>累计消费</dt>
          <dd>
            {formatMoney(orderStats.totalSpent.amount, orderStats.totalSpent.currency)}
            <small> / {orderStats.orderCount} 单</small>
          </dd>
        </div>
      </dl>
      {growth.nextTier && growth.pointsToNextTier != null && (
        <p class="muted">
          距 {growth.nextTier.name} 还差 {formatPoints(growth.pointsToNextTier)} 成长值
        </p>
      )}
    </section>
  );
}
