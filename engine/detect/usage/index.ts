export * from './account-keys';
export * from './accounts';
export * from './accumulator';
export * from './calendar';
export * from './detectors';
export * from './rows';
export * from './run';
export * from './thresholds';
