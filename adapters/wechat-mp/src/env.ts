import { type NonceStore, NotificationRouter } from '@zhongtai/adapter-kit';
import type { NotificationAdapter } from '@zhongtai/contracts';
import { z } from 'zod';
import { WechatTemplateSender } from './template-sender.js';

const wechatEnv = z
  .object({
    WECHAT_API_URL: z.url({ protocol: /^https?$/ }).default('https://api.weixin.qq.com'),
    WECHAT_APP_ID: z.string().optional(),
    WECHAT_APP_SECRET: z.string().optional(),
    /** `welcome=<template id>,survey-invite=<template id>,…` */
    WECHAT_TEMPLATES: z.string().optional(),
  })
  .refine((c) => !c.WECHAT_APP_ID || (c.WECHAT_APP_SECRET && c.WECHAT_TEMPLATES), {
    path: ['WECHAT_TEMPLATES'],
    message: 'WECHAT_APP_ID needs WECHAT_APP_SECRET and WECHAT_TEMPLATES (name=template id, …)',
  });

/**
 * The notifier a service sends through, from its environment: WeChat template messages from the
 * service account itself when `WECHAT_APP_ID` is set (with `WECHAT_APP_SECRET`, `WECHAT_TEMPLATES`,
 * optionally `WECHAT_API_URL`), every other channel through `fallback` (the message gateway). Without
 * `WECHAT_APP_ID`: `fallback` as it is. Problems are listed in one error's `problems`. `sentKeys`:
 * where the keys of the messages sent are kept (WeChat takes no idempotency key): a store every
 * replica shares and a restart keeps (`MongoNonceStore`), else one process's memory.
 */
export function withWechatTemplatesFromEnv(
  env: Record<string, string | undefined>,
  fallback: NotificationAdapter | undefined,
  opts: { sentKeys?: NonceStore } = {},
): NotificationAdapter | undefined {
  const fail = (problems: string[]) =>
    Object.assign(new Error(`wechat-mp: ${problems.join('; ')}`), { problems });
  const parsed = wechatEnv.safeParse(env);
  if (!parsed.success) throw fail(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const c = parsed.data;
  if (!c.WECHAT_APP_ID) return fallback;
  const templates: Record<string, string> = {};
  for (const part of c.WECHAT_TEMPLATES!.split(',')) {
    const m = /^\s*([a-z0-9][a-z0-9-]{0,63})\s*=\s*([A-Za-z0-9_-]{1,128})\s*$/.exec(part);
    if (!m) throw fail([`WECHAT_TEMPLATES: "${part}" is not name=template id`]);
    templates[m[1]] = m[2];
  }
  let wechat: WechatTemplateSender;
  try {
    wechat = new WechatTemplateSender({
      baseUrl: c.WECHAT_API_URL,
      appId: c.WECHAT_APP_ID,
      appSecret: c.WECHAT_APP_SECRET!,
      templates,
      sentKeys: opts.sentKeys,
    });
  } catch (error) {
    throw fail([(error as Error).message]);
  }
  return fallback ? new NotificationRouter({ WECHAT_TEMPLATE: wechat }, fallback) : wechat;
}
