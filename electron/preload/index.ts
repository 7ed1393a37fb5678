import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ChannelName, LoomcastBridge } from '../../shared/contract';
import { BRIDGE_CHANNELS, eventChannel, isBridgeEvent } from './names';

/*
 * window.api, and nothing else: one function per contract channel and a subscription to the
 * contract's push events. No generic invoke, no ipcRenderer, no process — a compromised page
 * can only make the requests the contract declares, and main still checks every input.
 */

const rpc = {} as Record<ChannelName, (input: unknown) => Promise<unknown>>;
for (const channel of BRIDGE_CHANNELS) {
  rpc[channel] = (input) => ipcRenderer.invoke(channel, input);
}

const bridge = {
  rpc: rpc as LoomcastBridge['rpc'],
  subscribe(event, listener) {
    if (!isBridgeEvent(event)) throw new Error(`Loomcast has no event named "${String(event)}".`);
    if (typeof listener !== 'function') throw new TypeError('subscribe needs a listener function.');
    const channel = eventChannel(event);
    // Hand the page the payload only; the IPC event object carries `sender` (ipcRenderer).
    const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload as never);
    ipcRenderer.on(channel, handler);
    return () => {
      ipcRenderer.removeListener(channel, handler);
    };
  },
} satisfies LoomcastBridge;

contextBridge.exposeInMainWorld('api', bridge);
