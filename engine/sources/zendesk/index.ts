export * from './client';
export * from './comments';
export * from './webhooks';
