export * from './port';
export * from './record-store';
