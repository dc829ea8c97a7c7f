export * from './ladder';
export * from './stages';
