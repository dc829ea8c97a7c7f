export * from './crm';
export * from './crm-items';
export * from './hubspot';
export * from './zendesk';
export * from './conversation-state';
export * from './gong';
export * from './meeting-items';
export * from './conversation-accounts';
