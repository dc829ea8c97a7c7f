export * from './business-hours';
export * from './detectors';
export * from './items';
export * from './thresholds';
