export * from './types';
export * from './map';
