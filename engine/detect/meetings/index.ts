import { ItemValidationError, parseItem } from '../../model';
import { detectMeetingSignals, type MeetingDetection, type MeetingDetectionOptions, type MeetingEntry } from './detectors';
import { MeetingSchema } from './meeting';

export * from './detectors';
export * from './meeting';
export * from './thresholds';

export interface MeetingItemError {
	itemIndex: number;
	error: ItemValidationError;
}

/** Canonical meeting items → meeting signals; a bad item is reported by index (never dropped) and the rest go through. */
export function detectMeetingSignalsFromItems(items: readonly unknown[], options: MeetingDetectionOptions = {}): { detections: MeetingDetection[]; errors: MeetingItemError[] } {
	const entries: MeetingEntry[] = [];
	const errors: MeetingItemError[] = [];
	items.forEach((item, itemIndex) => {
		try {
			entries.push({ meeting: parseItem(MeetingSchema, 'meeting', itemIndex, item), itemIndex });
		} catch (error) {
			if (!(error instanceof ItemValidationError)) throw error;
			errors.push({ itemIndex, error });
		}
	});
	return { detections: detectMeetingSignals(entries, options), errors };
}
