/**
 * One run of CS Meeting Signals over input items ("From Input Items", and the CLI's `signals meetings`): items
 * mapped to meetings (transcripts in WebVTT or speaker-turn JSON parsed), checked, and the meeting detectors run
 * over them. Each signal is paired with the items it was read from; a bad item is an UnusableItem, the rest go on.
 */
import { accountDirectory, ItemValidationError, MeetingSchema, parseItem, resolveFieldMapping, unusableItem, type Account, type AccountMappingRow, type UnusableItem } from '../model';
import { detectMeetingSignals, type MeetingDetection, type MeetingDetectionOptions, type MeetingEntry } from '../detect/meetings';
import { DEFAULT_MEETING_FIELD_MAP, meetingFromItem } from '../sources/transcripts';

export interface MeetingItemsOptions {
	items: readonly unknown[];
	/** Canonical field → dot path of the items; empty values keep the default. */
	fieldMap?: Readonly<Record<string, unknown>>;
	/** Accounts (their domains and contacts) and mapping rows, for meetings without an account id and for people's roles. */
	accounts?: readonly Account[];
	mapping?: readonly AccountMappingRow[];
	detection?: MeetingDetectionOptions;
}

export interface MeetingItemsResult {
	detections: MeetingDetection[];
	unusable: UnusableItem[];
}

export function sweepMeetingItems(options: MeetingItemsOptions): MeetingItemsResult {
	const fieldMap = resolveFieldMapping('Meeting', DEFAULT_MEETING_FIELD_MAP, options.fieldMap);
	const directory = accountDirectory(options.accounts, options.mapping);
	const entries: MeetingEntry[] = [];
	const unusable: UnusableItem[] = [];
	options.items.forEach((item, itemIndex) => {
		const mapped = meetingFromItem(item, itemIndex, fieldMap, directory);
		if ('problem' in mapped) {
			unusable.push({ itemIndex, message: mapped.problem });
			return;
		}
		try {
			entries.push({ meeting: parseItem(MeetingSchema, 'meeting', itemIndex, mapped.meeting), itemIndex });
		} catch (error) {
			if (!(error instanceof ItemValidationError)) throw error;
			unusable.push(unusableItem(error, itemIndex));
		}
	});
	const contacts = [...(options.detection?.contacts ?? []), ...directory.contacts()];
	return { detections: detectMeetingSignals(entries, { ...options.detection, contacts }), unusable };
}
