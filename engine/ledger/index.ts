export * from './port';
export * from './record-store';
export * from './policy';
