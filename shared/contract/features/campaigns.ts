/** Channels and events of the campaigns feature; merged into the contract in ../channels.ts. */
export const campaignsChannels = {} as const;

export const campaignsEvents = {} as const;
