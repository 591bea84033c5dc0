/** First follow-up is due 72 hours after a complaint is opened (R-CS-5). */
export const FIRST_RESPONSE_SLA_MS = 72 * 3600 * 1000;

export function isBreached(t: { dueAt: Date; firstResponseAt?: Date; status: string }, now: Date): boolean {
  if (t.firstResponseAt) return t.firstResponseAt > t.dueAt;
  return t.status !== 'RESOLVED' && now > t.dueAt;
}
