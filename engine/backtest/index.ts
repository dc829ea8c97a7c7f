export * from './history';
export * from './inputs';
export * from './metrics';
export * from './run';
export * from './render';
export * from './items';
