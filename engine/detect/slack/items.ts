import { ItemValidationError, parseItem, unusableItem, SlackMessageSchema, type UnusableItem } from '../../model';
import { detectSlackSignals, type SlackDetection, type SlackDetectionOptions, type SlackEntry } from './detectors';

export interface SlackItemsResult {
	detections: SlackDetection[];
	/** One per input item that is not a usable Slack message, in item order. */
	unusable: UnusableItem[];
}

/** Canonical Slack message items → signals; a bad item is reported (never dropped) and the rest go through. */
export function detectSlackSignalsFromItems(items: readonly unknown[], options: SlackDetectionOptions = {}): SlackItemsResult {
	const entries: SlackEntry[] = [];
	const unusable: UnusableItem[] = [];
	items.forEach((item, itemIndex) => {
		try {
			entries.push({ message: parseItem(SlackMessageSchema, 'Slack message', itemIndex, item), itemIndex });
		} catch (error) {
			if (!(error instanceof ItemValidationError)) throw error;
			unusable.push(unusableItem(error, itemIndex));
		}
	});
	return { detections: detectSlackSignals(entries, options), unusable };
}
