export * from './classify';
export * from './match';
export * from './news-item';
export * from './officers';
export * from './run';
export * from './table';
