export * from './build';
export { BRIEF_DEFAULTS, type BriefOptions } from './config';
export type { BriefInput } from './context';
export { BRIEF_ITEM_TYPES, briefFromItem, parseSignals, pickFormats, slackAlertsFromItems, type BriefItemOptions, type BriefItemType, type SlackAlertsResult } from './items';
export { ownerText, PRIORITY_MARKERS, rankActions, slackAlert, slackAlertDocument, type SlackAlertInput } from './slack-alert';
