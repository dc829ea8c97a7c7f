export * from './client';
export * from './items';
export * from './mapping';
export * from './users';
