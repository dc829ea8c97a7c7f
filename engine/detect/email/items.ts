import { ItemValidationError, parseItem, unusableItem, EmailMessageSchema, type UnusableItem } from '../../model';
import { detectEmailSignals, type EmailDetection, type EmailDetectionOptions, type EmailEntry } from './detectors';

export interface EmailItemsResult {
	detections: EmailDetection[];
	/** One per input item that is not a usable e-mail message, in item order. */
	unusable: UnusableItem[];
}

/** Canonical e-mail message items → signals; a bad item is reported (never dropped) and the rest go through. */
export function detectEmailSignalsFromItems(items: readonly unknown[], options: EmailDetectionOptions = {}): EmailItemsResult {
	const entries: EmailEntry[] = [];
	const unusable: UnusableItem[] = [];
	items.forEach((item, itemIndex) => {
		try {
			entries.push({ message: parseItem(EmailMessageSchema, 'e-mail message', itemIndex, item), itemIndex });
		} catch (error) {
			if (!(error instanceof ItemValidationError)) throw error;
			unusable.push(unusableItem(error, itemIndex));
		}
	});
	return { detections: detectEmailSignals(entries, options), unusable };
}
