import { type StaffClaims, readStaffToken } from './format.js';

export interface Session {
  token: string;
  claims: StaffClaims;
}

const KEY = 'zhongtai.store-terminal.token';

/** the clerk's token for this tab only (sessionStorage: closing the tab logs out) */
export function loadSession(now = Date.now()): Session | null {
  const saved = sessionStorage.getItem(KEY);
  if (!saved) return null;
  const read = readStaffToken(saved, now);
  if ('error' in read) {
    sessionStorage.removeItem(KEY);
    return null;
  }
  return read;
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(KEY, session.token);
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}
