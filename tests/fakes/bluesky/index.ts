export { startAppViewFake, type AppViewFake, type PostCounts } from './appview';
export { freePort, startPds, type RealPds, type StoredRecord, type TestAccount } from './pds';
export { startBlueskyFake } from './proxy';
