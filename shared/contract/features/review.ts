/** Channels and events of the review feature; merged into the contract in ../channels.ts. */
export const reviewChannels = {} as const;

export const reviewEvents = {} as const;
