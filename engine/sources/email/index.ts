export * from './address';
export * from './items';
export * from './mapping';
