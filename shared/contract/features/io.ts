/** Channels and events of the io feature; merged into the contract in ../channels.ts. */
export const ioChannels = {} as const;

export const ioEvents = {} as const;
