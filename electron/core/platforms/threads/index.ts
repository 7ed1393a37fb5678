export { threadsClient, createThreadsClient, type ThreadsClientOptions } from './client';
export { threadsConnector, THREADS_SCOPES } from './connector';
