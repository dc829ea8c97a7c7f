import { ItemValidationError, parseItem, unusableItem, MeetingSchema, type UnusableItem } from '../../model';
import { detectMeetingSignals, type MeetingDetection, type MeetingDetectionOptions, type MeetingEntry } from './detectors';

export interface MeetingItemsResult {
	detections: MeetingDetection[];
	/** One per input item that is not a usable meeting, in item order. */
	unusable: UnusableItem[];
}

/** Canonical meeting items → signals; a bad item is reported (never dropped) and the rest go through. */
export function detectMeetingSignalsFromItems(items: readonly unknown[], options: MeetingDetectionOptions = {}): MeetingItemsResult {
	const entries: MeetingEntry[] = [];
	const unusable: UnusableItem[] = [];
	items.forEach((item, itemIndex) => {
		try {
			entries.push({ meeting: parseItem(MeetingSchema, 'meeting', itemIndex, item), itemIndex });
		} catch (error) {
			if (!(error instanceof ItemValidationError)) throw error;
			unusable.push(unusableItem(error, itemIndex));
		}
	});
	return { detections: detectMeetingSignals(entries, options), unusable };
}
