import { z } from 'zod';

export const Id = z.string().min(1).max(256);
export const IsoDate = z.iso.datetime({ offset: true });
export const MoneySchema = z.object({ amount: z.number().int(), currency: z.string().length(3) });
