export * from './tokens';
export * from './negation';
export * from './lexicon';
export * from './sentiment';
export * from './sentences';
export * from './evidence';
export * from './speakers';
export * from './analyse';
