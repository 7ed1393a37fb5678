/** Channels and events of the ideas feature; merged into the contract in ../channels.ts. */
export const ideasChannels = {} as const;

export const ideasEvents = {} as const;
