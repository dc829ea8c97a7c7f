export * from './port';
export * from './record-store';
export * from './policy';
export * from './ledger-items';
