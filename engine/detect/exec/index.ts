export * from './contact-change';
export * from './detectors';
export * from './rows';
export * from './run';
export * from './seniority';
