export * from './edgar';
export * from './item';
export * from './parse';
export * from './read';
export * from './urls';
