/** Channels and events of the queue feature; merged into the contract in ../channels.ts. */
export const queueChannels = {} as const;

export const queueEvents = {} as const;
