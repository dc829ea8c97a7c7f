/**
 * "From Input Items": rows from any upstream node (a spreadsheet, a database, another CRM via HTTP
 * Request) → canonical Accounts and CRM records, through a field map of dot paths. Rows that already
 * are canonical Account items pass with the default map.
 */
import { AccountSchema, ItemValidationError, parseItem, readPath, seniorityFromTitle, unusableItem, type Account, type CrmAccountRecord, type CrmDeal, type UnusableItem } from '../../model';

export interface CrmFieldMap {
	accountId: string;
	name: string;
	domain: string;
	arr: string;
	currency: string;
	segment: string;
	renewalDate: string;
	contractStart: string;
	discountExpiryDate: string;
	licensedSeats: string;
	owners: string;
	contacts: string;
	/** An open renewal deal on the row (for contraction and stage regression). */
	renewalDealId: string;
	renewalDealAmount: string;
	renewalDealStage: string;
	paymentStatus: string;
	cancelIntent: string;
	crmUrl: string;
}

export const DEFAULT_CRM_FIELD_MAP: Readonly<CrmFieldMap> = Object.freeze({
	accountId: 'accountId',
	name: 'name',
	domain: 'domain',
	arr: 'arr',
	currency: 'currency',
	segment: 'segment',
	renewalDate: 'renewalDate',
	contractStart: 'contractStart',
	discountExpiryDate: 'discountExpiryDate',
	licensedSeats: 'licensedSeats',
	owners: 'owners',
	contacts: 'contacts',
	renewalDealId: 'renewalDeal.id',
	renewalDealAmount: 'renewalDeal.amount',
	renewalDealStage: 'renewalDeal.stage',
	paymentStatus: 'paymentStatus',
	cancelIntent: 'cancelIntent',
	crmUrl: 'crm.url',
});

/** Spreadsheet numbers arrive as strings: "48000" and "48,000" are numbers, "48k" is not (the schema says so). */
function numeric(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const plain = value.trim().replace(/,/g, '');
	return /^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(plain) ? Number(plain) : value;
}

function present(value: unknown): boolean {
	return value !== undefined && value !== null && value !== '';
}

export function resolveCrmFieldMap(overrides: Partial<Record<string, unknown>> = {}): CrmFieldMap {
	const map: CrmFieldMap = { ...DEFAULT_CRM_FIELD_MAP };
	for (const [key, value] of Object.entries(overrides)) {
		if (!(key in map)) throw new Error(`Field mapping "${key}" is unknown (known: ${Object.keys(map).join(', ')})`);
		if (typeof value === 'string' && value.trim() !== '') map[key as keyof CrmFieldMap] = value.trim();
	}
	return map;
}

export interface CrmItemsResult {
	records: Array<{ record: CrmAccountRecord; itemIndex: number }>;
	/** Rows that are not a usable account, each naming the mapped field (e.g. `account 1: arr "12k" must be a number …`). */
	unusable: UnusableItem[];
}

export function crmRecordsFromItems(items: readonly unknown[], overrides: Partial<Record<string, unknown>> = {}, system = 'input'): CrmItemsResult {
	const map = resolveCrmFieldMap(overrides);
	const result: CrmItemsResult = { records: [], unusable: [] };
	items.forEach((item, itemIndex) => {
		const get = (key: keyof CrmFieldMap) => readPath(item, map[key]);
		const input: Record<string, unknown> = {};
		const put = (field: string, value: unknown) => {
			if (present(value)) input[field] = value;
		};
		put('accountId', typeof get('accountId') === 'number' ? String(get('accountId')) : get('accountId'));
		put('name', get('name'));
		put('domain', get('domain'));
		put('arr', numeric(get('arr')));
		put('currency', get('currency'));
		put('segment', typeof get('segment') === 'string' ? (get('segment') as string).trim().toLowerCase() : get('segment'));
		put('renewalDate', get('renewalDate'));
		put('contractStart', get('contractStart'));
		put('discountExpiryDate', get('discountExpiryDate'));
		put('licensedSeats', numeric(get('licensedSeats')));
		put('owners', get('owners'));
		const contacts = get('contacts');
		put(
			'contacts',
			Array.isArray(contacts)
				? contacts.map((contact) =>
						contact && typeof contact === 'object' && !(contact as Record<string, unknown>).seniority && typeof (contact as Record<string, unknown>).title === 'string'
							? { ...contact, seniority: seniorityFromTitle((contact as Record<string, unknown>).title as string) }
							: contact,
					)
				: contacts,
		);
		const url = get('crmUrl');
		const problems: string[] = [];
		let account: Account | undefined;
		try {
			account = parseItem(AccountSchema, 'account', itemIndex, input);
		} catch (error) {
			if (!(error instanceof ItemValidationError)) throw error;
			// the user knows the field by the name they mapped, not by the Account field
			problems.push(...error.problems.map((problem) => problem.replace(/^(\S+)/, (field) => `${map[field as keyof CrmFieldMap] ?? field}`)));
		}
		const deals: CrmDeal[] = [];
		const dealId = get('renewalDealId');
		if (present(dealId)) {
			const amount = numeric(get('renewalDealAmount'));
			if (present(amount) && typeof amount !== 'number') problems.push(`${map.renewalDealAmount} ${JSON.stringify(amount)} is not a number`);
			deals.push({
				dealId: String(dealId),
				name: `Renewal deal ${String(dealId)}`,
				...(typeof amount === 'number' ? { amount } : {}),
				stage: String(get('renewalDealStage') ?? ''),
				pipeline: 'default',
				isClosed: false,
				isClosedWon: false,
				isRenewal: true,
				stageEnteredAt: {},
			});
		}
		if (problems.length > 0 || !account) {
			result.unusable.push(unusableItem(new ItemValidationError('account', itemIndex, problems), itemIndex));
			return;
		}
		const payment = get('paymentStatus');
		const cancel = get('cancelIntent');
		result.records.push({
			itemIndex,
			record: {
				account,
				deals,
				...(present(payment) ? { paymentStatus: String(payment) } : {}),
				...(present(cancel) ? { cancelIntentValue: String(cancel) } : {}),
				system,
				ref: `account/${account.accountId}`,
				...(typeof url === 'string' && url ? { url } : {}),
			},
		});
	});
	return result;
}
