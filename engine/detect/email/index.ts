import { ItemValidationError, parseItem } from '../../model';
import { detectEmailSignals, type EmailDetection, type EmailDetectionOptions, type EmailEntry } from './detectors';
import { EmailMessageSchema } from './message';

export * from './detectors';
export * from './message';
export * from './thresholds';

export interface EmailItemError {
	itemIndex: number;
	error: ItemValidationError;
}

/** Canonical e-mail items → e-mail signals; a bad item is reported by index (never dropped) and the rest go through. */
export function detectEmailSignalsFromItems(items: readonly unknown[], options: EmailDetectionOptions = {}): { detections: EmailDetection[]; errors: EmailItemError[] } {
	const entries: EmailEntry[] = [];
	const errors: EmailItemError[] = [];
	items.forEach((item, itemIndex) => {
		try {
			entries.push({ message: parseItem(EmailMessageSchema, 'e-mail message', itemIndex, item), itemIndex });
		} catch (error) {
			if (!(error instanceof ItemValidationError)) throw error;
			errors.push({ itemIndex, error });
		}
	});
	return { detections: detectEmailSignals(entries, options), errors };
}
