/** Channels and events of the calendar feature; merged into the contract in ../channels.ts. */
export const calendarChannels = {} as const;

export const calendarEvents = {} as const;
