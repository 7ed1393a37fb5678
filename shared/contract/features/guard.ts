/** Channels and events of the guard feature; merged into the contract in ../channels.ts. */
export const guardChannels = {} as const;

export const guardEvents = {} as const;
