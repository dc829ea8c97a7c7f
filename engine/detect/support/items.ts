import { ItemValidationError, unusableItem, type UnusableItem } from '../../model';
import { detectSupportSignals, type SupportDetection, type SupportDetectionOptions, type TicketEntry } from './detectors';
import { mapTicket, resolveFieldMap, type SupportFieldMap } from './ticket';

export interface SupportItemsOptions extends SupportDetectionOptions {
	/** Which field of each item holds what; unset entries use the Zendesk defaults. */
	fieldMap?: Partial<SupportFieldMap>;
}

export interface SupportItemsResult {
	detections: SupportDetection[];
	/** One per input item that is not a usable ticket, in item order. */
	unusable: UnusableItem[];
}

/**
 * Zendesk-shaped ticket items (from any upstream node) → support signals.
 * Every item is mapped and validated; bad items are reported (never dropped silently) and the good ones
 * still yield their signals. A bad field map or threshold throws (it is not any one item's fault).
 */
export function detectSupportSignalsFromItems(items: readonly unknown[], options: SupportItemsOptions = {}): SupportItemsResult {
	const fieldMap = resolveFieldMap(options.fieldMap);
	const entries: TicketEntry[] = [];
	const unusable: UnusableItem[] = [];
	items.forEach((item, itemIndex) => {
		try {
			entries.push({ ticket: mapTicket(item, itemIndex, fieldMap), itemIndex });
		} catch (error) {
			if (!(error instanceof ItemValidationError)) throw error;
			unusable.push(unusableItem(error, itemIndex));
		}
	});
	return { detections: detectSupportSignals(entries, options), unusable };
}
