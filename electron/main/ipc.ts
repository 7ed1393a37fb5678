import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CHANNEL_NAMES, type RpcResult } from '../../shared/contract';
import type { Core } from '../core';
import type { Logger } from '../core/deps';
import { eventChannel } from '../preload/names';

const REFUSED: RpcResult<never> = {
  ok: false,
  error: { code: 'unauthorized', message: 'This request did not come from a Loomcast window.' },
};

/**
 * One `ipcMain.handle` per contract channel, each straight into `core.dispatch`, which parses
 * the input and never throws. A request from any frame but our own page's main frame (an
 * iframe, a page navigated elsewhere, a stray window) gets a typed refusal.
 */
export function registerRpcHandlers(
  core: Pick<Core, 'dispatch'>,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
  log: Logger,
): () => void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, async (event, input: unknown) => {
      if (!isTrustedSender(event)) {
        log.warn('refused a request from an untrusted frame', { channel, url: event.senderFrame?.url ?? null });
        return REFUSED;
      }
      return core.dispatch(channel, input);
    });
  }
  return () => {
    for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(channel);
  };
}

/** Core pushes go to every Loomcast page, each event on its own IPC channel. */
export function forwardCoreEvents(core: Pick<Core, 'subscribe'>, targets: () => WebContents[]): () => void {
  return core.subscribe((event, payload) => {
    const channel = eventChannel(event);
    for (const contents of targets()) contents.send(channel, payload);
  });
}
