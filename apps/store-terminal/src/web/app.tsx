import { useMemo, useState } from 'preact/hooks';
import { terminalApi } from './api.js';
import { Login } from './login.js';
import { type Session, clearSession, loadSession, saveSession } from './session.js';
import { Terminal } from './terminal.js';

/** The store terminal: the login form until a staff token is given, then the clerk's screen. */
export function App() {
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [notice, setNotice] = useState<string | null>(null);
  const api = useMemo(() => terminalApi(() => session?.token ?? null), [session]);
  const logout = (why: string | null = null) => {
    clearSession();
    setSession(null);
    setNotice(why);
  };
  if (!session)
    return (
      <Login
        notice={notice}
        onLogin={(s) => {
          saveSession(s);
          setSession(s);
          setNotice(null);
        }}
      />
    );
  return <Terminal api={api} claims={session.claims} onLogout={logout} />;
}
