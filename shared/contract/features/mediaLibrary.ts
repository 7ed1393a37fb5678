/** Channels and events of the mediaLibrary feature; merged into the contract in ../channels.ts. */
export const mediaLibraryChannels = {} as const;

export const mediaLibraryEvents = {} as const;
