/**
 * One run of CS Slack Signals over input items ("From Input Items", and the CLI's `signals slack`): items mapped
 * to Slack messages, checked, and the Slack detectors run over them; each signal paired with its items.
 */
import { accountDirectory, ItemValidationError, parseItem, resolveFieldMapping, SlackMessageSchema, unusableItem, type AccountMappingRow, type UnusableItem } from '../model';
import { detectSlackSignals, type SlackDetection, type SlackDetectionOptions, type SlackEntry } from '../detect/slack';
import { DEFAULT_SLACK_FIELD_MAP, slackFromItem } from '../sources/slack';

export interface SlackItemsOptions {
	items: readonly unknown[];
	fieldMap?: Readonly<Record<string, unknown>>;
	/** Channel id → account rows. */
	mapping?: readonly AccountMappingRow[];
	/** Your workspace's team id: raw Slack messages of another team are the customer's. */
	ourTeamId?: string;
	detection?: SlackDetectionOptions;
}

export function sweepSlackItems(options: SlackItemsOptions): { detections: SlackDetection[]; unusable: UnusableItem[] } {
	const fieldMap = resolveFieldMapping('Slack', DEFAULT_SLACK_FIELD_MAP, options.fieldMap);
	const directory = accountDirectory([], options.mapping);
	const entries: SlackEntry[] = [];
	const unusable: UnusableItem[] = [];
	options.items.forEach((item, itemIndex) => {
		try {
			entries.push({ message: parseItem(SlackMessageSchema, 'Slack message', itemIndex, slackFromItem(item, fieldMap, { directory, ourTeamId: options.ourTeamId })), itemIndex });
		} catch (error) {
			if (!(error instanceof ItemValidationError)) throw error;
			unusable.push(unusableItem(error, itemIndex));
		}
	});
	const accountNames: Record<string, string> = { ...(options.detection?.accountNames ?? {}) };
	for (const row of options.mapping ?? []) if (row.accountName) accountNames[row.accountId] ??= row.accountName;
	return { detections: detectSlackSignals(entries, { ...options.detection, accountNames }), unusable };
}
