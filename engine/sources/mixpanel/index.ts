export * from './export';
export * from './mapping';
