export * from './aggregation';
