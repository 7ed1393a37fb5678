import { app, shell, type Session, type WebContents } from 'electron';
import type { Logger } from '../core/deps';
import { CSP, type ExternalLinkVerdict } from '../core/security';
import { isRendererUrl } from './renderer-url';

/** The only permission a Loomcast page may ask for; everything else is refused. */
const ALLOWED_PERMISSIONS = new Set<string>(['notifications']);

export interface SessionPolicy {
  devUrl: string | null;
  log: Logger;
}

/**
 * Session-wide rules: the CSP on every HTTP response (in development, the electron-vite dev
 * server's pages; app:// responses carry it from app-protocol.ts), and a permission allowlist
 * that holds whatever page asks.
 */
export function hardenSession(session: Session, { devUrl, log }: SessionPolicy): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!/^https?:/i.test(details.url)) {
      callback({});
      return;
    }
    const headers = { ...details.responseHeaders };
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    }
    // electronegativity cannot read a CSP held in a constant (it reports "failed to parse"); the
    // policy is security.ts's, asserted by tests/unit/security.test.ts: scripts 'self' only.
    headers['Content-Security-Policy'] = [CSP]; /* eng-disable CSP_GLOBAL_CHECK */
    callback({ responseHeaders: headers });
  });

  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    const allowed = ALLOWED_PERMISSIONS.has(permission) && isRendererUrl(details.requestingUrl || contents.getURL(), devUrl);
    if (!allowed) log.warn('permission refused', { permission, url: details.requestingUrl });
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => {
    return ALLOWED_PERMISSIONS.has(permission) && isRendererUrl(requestingOrigin, devUrl);
  });
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback(null));
}

/** The rule a link must pass to be opened: the core's (security.ts, with the creator's servers and posts). */
export type LinkCheck = (url: string) => ExternalLinkVerdict;

/** Opens a link in the creator's browser when the core's rule allows it; reports whether it did. */
export function openExternally(url: string, log: Logger, check: LinkCheck): boolean {
  const verdict = check(url);
  if (!verdict.ok) {
    log.warn('refused to open a link', { reason: verdict.reason, url: url.slice(0, 200) });
    return false;
  }
  // Only an https URL to a platform, a connected server, a sign-in under way or the creator's own
  // post gets here (checkExternalUrl, table-tested in tests/unit/external-links.test.ts), and the
  // parsed, normalised form is what the OS receives: no other scheme can reach an OS handler.
  shell.openExternal(verdict.href).catch((err: unknown) => log.warn('could not open a link', { error: err as Error })); /* eng-disable OPEN_EXTERNAL_JS_CHECK */
  return true;
}

/**
 * Every web contents the app ever creates (the window, devtools, anything a bug might open)
 * gets the same rules: no new windows, no navigation away from Loomcast, no <webview>.
 * Links the creator clicks open in their browser instead, if the core's rule allows them.
 */
export function guardAllWebContents(devUrl: string | null, log: Logger, check: LinkCheck): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.setWindowOpenHandler(({ url }) => {
      openExternally(url, log, check);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event) => {
      if (isRendererUrl(event.url, devUrl)) return;
      event.preventDefault();
      openExternally(event.url, log, check);
    });
    contents.on('will-redirect', (event) => {
      if (!isRendererUrl(event.url, devUrl)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
      log.warn('refused to attach a webview');
    });
  });
}
