import { z } from 'zod';

/**
 * What the POS back office answers. `GET /posbo/xsls?qslsh=<serial>&ts=<n>` (销售流水: serial after
 * which to start, how many) answers `{ ret: 0, msg: "ok", rows: [...] }` in increasing serial (流水号).
 */
const text = z
  .string()
  .nullish()
  .transform((v) => v ?? '');
const decimal = z.union([z.string(), z.number()]).transform(String);

/** 单据类型: XS sale (销售), TH return (退货), JB shift handover (交班, not a sale). */
export const DOC_TYPES = { SALE: 'XS', RETURN: 'TH', SHIFT: 'JB' } as const;

export const PosLineSchema = z.object({
  spbm: z.string(), // 商品编码 (SKU)
  sl: decimal, // 数量, DECIMAL(12,3)
  dj: decimal, // 单价, yuan
});

export const PosRowSchema = z.object({
  lsh: z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).transform(Number), // 流水号
  djlx: z.string(), // 单据类型
  zfbz: text, // 作废标志: "1" voided
  xpbh: text, // 小票编号 (receipt number)
  ysxph: text, // 原始小票号: the sale a return refers to
  mdbm: text, // 门店编码
  syjh: text, // 收银机号 (till), not mapped
  hykh: text, // 会员卡号, blank or zeros when no card was scanned
  jysj: text, // 交易时间, yyyyMMddHHmmss UTC+8
  hjje: decimal, // 合计金额, yuan; negative on returns
  thyy: text, // 退货原因
  yhqm: text, // 优惠券码: the coupon codes the till accepted, separated by commas (blank: none)
  mx: z
    .array(PosLineSchema)
    .nullish()
    .transform((v) => v ?? []), // 明细
});
export type PosRow = z.output<typeof PosRowSchema>;
export type PosLine = z.output<typeof PosLineSchema>;

export const PosAnswerSchema = z.object({
  ret: z.union([z.number(), z.string()]).transform(Number),
  msg: text,
  rows: z.array(PosRowSchema).optional(),
  xtsj: text.optional(),
});
