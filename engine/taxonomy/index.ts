export * from './lookup';
export type { SignalTypeDefinition } from './types';
