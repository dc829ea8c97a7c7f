export * from './crm';
export * from './crm-items';
export * from './exec';
export * from './exec-items';
export * from './hubspot';
export * from './zendesk';
