/** Channels and events of the planner feature; merged into the contract in ../channels.ts. */
export const plannerChannels = {} as const;

export const plannerEvents = {} as const;
