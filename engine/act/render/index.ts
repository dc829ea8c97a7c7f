export * from './escape';
export * from './document';
export * from './format';
export * from './markdown';
export * from './html';
export * from './slack';
export * from './svg';
