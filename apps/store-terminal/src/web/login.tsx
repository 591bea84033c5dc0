import { useState } from 'preact/hooks';
import { readStaffToken } from './format.js';
import type { Session } from './session.js';

const DEV_HINT = 'npm run token -- --role CLERK --store store-sh-001';

/**
 * Staff sign in with the brand's identity provider, which issues the JWT the gateway verifies; the
 * terminal takes that token. In development `npm run token` issues one.
 */
export function Login(props: { notice: string | null; onLogin: (s: Session) => void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (e: Event) => {
    e.preventDefault();
    const read = readStaffToken(text, Date.now());
    if ('error' in read) setError(read.error);
    else props.onLogin(read);
  };
  return (
    <main class="login">
      <form class="card" onSubmit={submit} aria-label="店员登录">
        <h1>中台会员 · 门店终端</h1>
        <p class="muted">请使用身份系统签发的店员令牌登录。</p>
        {props.notice && <p class="alert">{props.notice}</p>}
        <label for="token">店员令牌</label>
        <textarea
          id="token"
          name="token"
          rows={4}
          value={text}
          placeholder="粘贴令牌（JWT）"
          onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
        />
        {error && (
          <p class="alert" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary">
          登录
        </button>
        <p class="hint">
          开发环境获取令牌：<code>{DEV_HINT}</code>
        </p>
      </form>
    </main>
  );
}
