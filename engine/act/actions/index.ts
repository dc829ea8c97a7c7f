export * from './digest';
export * from './sweep';
