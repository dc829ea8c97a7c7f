export * from './classify';
export * from './match';
export * from './officers';
export * from './run';
export * from './table';
