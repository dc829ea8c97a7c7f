export * from './client';
export * from './mapping';
