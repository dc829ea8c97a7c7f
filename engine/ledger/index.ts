export * from './port';
export * from './record-store';
export * from './actions';
export * from './ledger-items';
