export * from './client';
export * from './comments';
