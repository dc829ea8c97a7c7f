export * from './classify';
export * from './items';
export * from './match';
export * from './officers';
export * from './profiles';
export * from './run';
export * from './table';
