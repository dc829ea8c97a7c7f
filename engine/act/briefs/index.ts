export * from './build';
export { BRIEF_DEFAULTS, type BriefOptions } from './config';
export type { BriefInput } from './context';
export { BRIEF_ITEM_TYPES, briefFromItem, parseSignals, pickFormats, type BriefItemOptions, type BriefItemType } from './items';
export { slackAlert, slackAlertDocument, PRIORITY_MARKERS, type SlackAlertInput } from './slack-alert';
