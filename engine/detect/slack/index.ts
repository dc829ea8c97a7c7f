import { ItemValidationError, parseItem } from '../../model';
import { detectSlackSignals, type SlackDetection, type SlackDetectionOptions, type SlackEntry } from './detectors';
import { SlackMessageSchema } from './message';

export * from './business-hours';
export * from './detectors';
export * from './message';
export * from './thresholds';

export interface SlackItemError {
	itemIndex: number;
	error: ItemValidationError;
}

/** Canonical Slack message items → Slack signals; a bad item is reported by index (never dropped) and the rest go through. */
export function detectSlackSignalsFromItems(items: readonly unknown[], options: SlackDetectionOptions = {}): { detections: SlackDetection[]; errors: SlackItemError[] } {
	const entries: SlackEntry[] = [];
	const errors: SlackItemError[] = [];
	items.forEach((item, itemIndex) => {
		try {
			entries.push({ message: parseItem(SlackMessageSchema, 'Slack message', itemIndex, item), itemIndex });
		} catch (error) {
			if (!(error instanceof ItemValidationError)) throw error;
			errors.push({ itemIndex, error });
		}
	});
	return { detections: detectSlackSignals(entries, options), errors };
}
