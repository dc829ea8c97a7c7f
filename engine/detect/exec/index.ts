export * from './detectors';
export * from './rows';
