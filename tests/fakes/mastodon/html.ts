/**
 * HTML the fake instance serves: a status's `content` rendered the way Mastodon's
 * TextFormatter does (paragraphs, `<br />`, links split into invisible/ellipsis spans,
 * h-card mentions showing only `@user`, hashtag links), and the OAuth consent and error pages.
 */

export const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const TOKEN = /(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]'])|(^|[^\w/@])@([a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_]+)?)(?:@([a-z0-9-]+(?:\.[a-z0-9-]+)+))?|(^|[^\w/&#])#([\p{L}\p{N}_]+)/giu;

function link(url: string): string {
  const prefix = /^https?:\/\/(www\.)?/.exec(url)?.[0] ?? '';
  const rest = url.slice(prefix.length);
  const shown = rest.slice(0, 30);
  const hidden = rest.slice(30);
  return (
    `<a href="${escapeHtml(url)}" target="_blank" rel="nofollow noopener" translate="no">` +
    `<span class="invisible">${escapeHtml(prefix)}</span><span class="${hidden ? 'ellipsis' : ''}">${escapeHtml(shown)}</span>` +
    `<span class="invisible">${escapeHtml(hidden)}</span></a>`
  );
}

function renderLine(line: string, base: string): string {
  let out = '';
  let last = 0;
  for (const m of line.matchAll(TOKEN)) {
    const at = m.index ?? 0;
    out += escapeHtml(line.slice(last, at));
    if (m[1]) out += link(m[1]);
    else if (m[3]) {
      const home = m[4] ? `https://${m[4]}` : base;
      out += `${escapeHtml(m[2] ?? '')}<span class="h-card" translate="no"><a href="${escapeHtml(`${home}/@${m[3]}`)}" class="u-url mention">@<span>${escapeHtml(m[3])}</span></a></span>`;
    } else if (m[6]) {
      out += `${escapeHtml(m[5] ?? '')}<a href="${base}/tags/${encodeURIComponent(m[6].toLowerCase())}" class="mention hashtag" rel="tag">#<span>${escapeHtml(m[6])}</span></a>`;
    }
    last = at + m[0].length;
  }
  return out + escapeHtml(line.slice(last));
}

/** Mastodon's rendering of plain status text into `content`. */
export function renderContent(text: string, base: string): string {
  const paragraphs = text.trim().split(/\n{2,}/).filter((p) => p.length > 0);
  return paragraphs.map((p) => `<p>${p.split('\n').map((l) => renderLine(l, base)).join('<br />')}</p>`).join('');
}

/** Mastodon's StatusLengthValidator: graphemes; each URL counts a fixed length; remote mentions count `@user`. */
export function countCharacters(text: string, reservedPerUrl: number): number {
  const reduced = text
    .replace(/https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]']/gi, 'x'.repeat(reservedPerUrl))
    .replace(/(^|[^\w/@])@([a-z0-9_.-]+)@[a-z0-9-]+(?:\.[a-z0-9-]+)+/gi, '$1@$2');
  return [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(reduced)].length;
}

const STYLE = `
  :root { color-scheme: dark; }
  body { margin: 0; background: #191b22; color: #d9e1e8; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; }
  main { max-width: 420px; margin: 48px auto; padding: 0 20px; }
  .brand { display: flex; align-items: center; gap: 10px; color: #fff; font-weight: 600; margin-bottom: 28px; }
  .brand .mark { width: 32px; height: 32px; border-radius: 8px; background: #6364ff; display: grid; place-items: center; font-size: 18px; }
  h1 { font-size: 20px; color: #fff; margin: 0 0 8px; }
  .lead { color: #9baec8; margin: 0 0 20px; }
  .card { background: #282c37; border-radius: 8px; padding: 16px; margin-bottom: 20px; }
  .card h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: #9baec8; margin: 0 0 10px; }
  .card ul { margin: 0; padding-left: 18px; }
  .card li { margin: 4px 0; }
  .account { display: flex; gap: 10px; align-items: center; }
  .avatar { width: 40px; height: 40px; border-radius: 6px; background: #595aff; }
  .actions { display: flex; gap: 10px; }
  .actions form { flex: 1; }
  button { width: 100%; padding: 10px 16px; border-radius: 6px; border: 0; font: inherit; font-weight: 600; cursor: pointer; }
  button.positive { background: #6364ff; color: #fff; border: 1px solid #6364ff; }
  button.negative { background: transparent; color: #ff5050; border: 1px solid #ff5050; }
  .error { background: #282c37; border-left: 4px solid #ff5050; padding: 16px; border-radius: 4px; }
`;

const SCOPE_WORDS: Record<string, string> = {
  read: 'read all your account\u2019s data',
  'read:accounts': 'see accounts information',
  'read:statuses': 'see all posts',
  write: 'modify all your account\u2019s data',
  'write:statuses': 'publish posts',
  'write:media': 'upload media files',
  profile: 'read only your account\u2019s profile information',
};

function page(title: string, host: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} - ${escapeHtml(host)}</title><style>${STYLE}</style></head>
<body><main>
<div class="brand"><span class="mark" aria-hidden="true">M</span><span>${escapeHtml(host)}</span></div>
${body}
</main></body>
</html>`;
}

export function consentPage(p: { host: string; appName: string; account: { username: string; displayName: string }; scopes: string[]; hidden: Record<string, string> }): string {
  const fields = Object.entries(p.hidden)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('\n    ');
  const scopes = p.scopes.map((s) => `<li><strong>${escapeHtml(s)}</strong>: ${escapeHtml(SCOPE_WORDS[s] ?? s)}</li>`).join('');
  return page(
    'Authorization required',
    p.host,
    `<h1>Authorize ${escapeHtml(p.appName)} to use your account?</h1>
<p class="lead">This application is external to ${escapeHtml(p.host)}. Only authorize applications you trust.</p>
<div class="card account"><span class="avatar" aria-hidden="true"></span><div><strong>${escapeHtml(p.account.displayName)}</strong><br><span class="lead">@${escapeHtml(p.account.username)}@${escapeHtml(p.host)}</span></div></div>
<div class="card"><h2>Review permissions</h2><ul>${scopes}</ul></div>
<div class="actions">
  <form method="post" action="/oauth/authorize">
    ${fields}
    <button type="submit" class="positive" data-testid="authorize">Authorize</button>
  </form>
  <form method="post" action="/oauth/authorize">
    <input type="hidden" name="_method" value="delete">
    ${fields}
    <button type="submit" class="negative" data-testid="deny">Deny</button>
  </form>
</div>`,
  );
}

export function errorPage(host: string, description: string): string {
  return page('An error has occurred', host, `<h1>An error has occurred</h1><div class="error" data-testid="oauth-error"><p>${escapeHtml(description)}</p></div>`);
}
