import { app, shell, type Session, type WebContents } from 'electron';
import type { Logger } from '../core/deps';
import { CSP, isSafeExternalUrl } from '../core/security';
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
    headers['Content-Security-Policy'] = [CSP];
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

/** Opens a link in the creator's browser when it is a plain http(s) URL; reports whether it did. */
export function openExternally(url: string, log: Logger): boolean {
  if (!isSafeExternalUrl(url)) {
    log.warn('refused to open a link', { url: url.slice(0, 200) });
    return false;
  }
  shell.openExternal(url).catch((err: unknown) => log.warn('could not open a link', { error: err as Error }));
  return true;
}

/**
 * Every web contents the app ever creates (the window, devtools, anything a bug might open)
 * gets the same rules: no new windows, no navigation away from Loomcast, no <webview>.
 * Links the creator clicks open in their browser instead, if they are safe to.
 */
export function guardAllWebContents(devUrl: string | null, log: Logger): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.setWindowOpenHandler(({ url }) => {
      openExternally(url, log);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event) => {
      if (isRendererUrl(event.url, devUrl)) return;
      event.preventDefault();
      openExternally(event.url, log);
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
