import { z } from 'zod';

/**
 * What the CRM answers, as it answers it (every answer is HTTP 200; `code` says what happened):
 *   { "code": "0", "msg": "成功", "data": … }
 * Text columns are fixed-width CHAR columns (padded with spaces) and may be null.
 */
export const CRM_CODES = {
  OK: '0',
  TOKEN_REJECTED: '1003',
  NO_SUCH_MEMBER: '2001',
} as const;

const text = z
  .string()
  .nullish()
  .transform((v) => v ?? '');
const count = z.union([z.number().int().min(0), z.string().regex(/^\d+$/)]).transform(Number);

export const CrmEnvelopeSchema = z.object({
  code: z.union([z.string(), z.number()]).transform(String),
  msg: text,
  data: z.unknown(),
});

/** A row of 会员列表 `GET /api/hy/list` (会员编号, 会员姓名, 手机号码, 门店编码, 入会时间, 注册渠道). */
export const CrmMemberRowSchema = z.object({
  hybh: z.string(),
  hyxm: text,
  sjhm: text,
  mdbm: text,
  rhsj: text,
  zcqd: text,
});
export type CrmMemberRow = z.output<typeof CrmMemberRowSchema>;

/** A row of 积分账户 `GET /api/jf/list` and the answer of `GET /api/jf/cx` (积分, 更新时间). */
export const CrmBalanceRowSchema = z.object({
  hybh: z.string(),
  zcqd: text,
  jf: z.union([z.string(), z.number()]).transform(String),
  gxsj: text,
});
export type CrmBalanceRow = z.output<typeof CrmBalanceRowSchema>;

/** The paged lists: `page` (1-based) and `size` in, `total` (a string, as often as not) out. */
export const crmPageSchema = <T extends z.ZodType>(row: T) =>
  z.object({ total: count, page: count.optional(), size: count.optional(), rows: z.array(row) });
