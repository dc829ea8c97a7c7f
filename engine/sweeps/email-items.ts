/**
 * One run of CS Email Signals over input items ("From Input Items", and the CLI's `signals email`): items mapped
 * to e-mail messages, checked, and the e-mail detectors run over them; each signal paired with its items.
 */
import { accountDirectory, EmailMessageSchema, ItemValidationError, parseItem, resolveFieldMapping, unusableItem, type Account, type AccountMappingRow, type UnusableItem } from '../model';
import { detectEmailSignals, type EmailDetection, type EmailDetectionOptions, type EmailEntry } from '../detect/email';
import { DEFAULT_EMAIL_FIELD_MAP, emailFromItem } from '../sources/email';

export interface EmailItemsOptions {
	items: readonly unknown[];
	fieldMap?: Readonly<Record<string, unknown>>;
	accounts?: readonly Account[];
	mapping?: readonly AccountMappingRow[];
	detection?: EmailDetectionOptions;
}

export function sweepEmailItems(options: EmailItemsOptions): { detections: EmailDetection[]; unusable: UnusableItem[] } {
	const fieldMap = resolveFieldMapping('E-mail', DEFAULT_EMAIL_FIELD_MAP, options.fieldMap);
	const directory = accountDirectory(options.accounts, options.mapping);
	const vendorDomains = options.detection?.vendorDomains ?? [];
	const entries: EmailEntry[] = [];
	const unusable: UnusableItem[] = [];
	options.items.forEach((item, itemIndex) => {
		try {
			entries.push({ message: parseItem(EmailMessageSchema, 'e-mail message', itemIndex, emailFromItem(item, fieldMap, { directory, vendorDomains })), itemIndex });
		} catch (error) {
			if (!(error instanceof ItemValidationError)) throw error;
			unusable.push(unusableItem(error, itemIndex));
		}
	});
	const accountNames: Record<string, string> = { ...(options.detection?.accountNames ?? {}) };
	for (const id of directory.accounts.keys()) {
		const name = directory.nameOf(id);
		if (name) accountNames[id] ??= name;
	}
	return { detections: detectEmailSignals(entries, { ...options.detection, accountNames }), unusable };
}
