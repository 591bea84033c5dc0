import { z } from 'zod';

/** Sales and contact channels (schema.graphql `enum Channel`). */
export const CHANNELS = ['APP', 'MALL', 'MINI_PROGRAM', 'STORE', 'WECHAT', 'TAOBAO', 'CALL_CENTER'] as const;
export const ChannelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof ChannelSchema>;
