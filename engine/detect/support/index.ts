export * from './detectors';
export * from './items';
export * from './language';
export * from './thresholds';
export * from './ticket';
