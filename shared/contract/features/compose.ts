/** Channels and events of the compose feature; merged into the contract in ../channels.ts. */
export const composeChannels = {} as const;

export const composeEvents = {} as const;
