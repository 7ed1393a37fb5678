/** Channels and events of the library feature; merged into the contract in ../channels.ts. */
export const libraryChannels = {} as const;

export const libraryEvents = {} as const;
