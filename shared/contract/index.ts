export * from './channels';
export * from './errors';
export * from './schemas';
