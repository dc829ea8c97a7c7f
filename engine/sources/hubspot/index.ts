export * from './client';
export * from './contact-history';
export * from './mapping';
export * from './parse';
export * from './owners';
