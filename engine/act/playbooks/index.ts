export * from './catalogue';
export * from './load';
export * from './plan';
export * from './schema';
