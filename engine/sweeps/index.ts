export * from './crm';
export * from './crm-items';
export * from './hubspot';
export * from './zendesk';
