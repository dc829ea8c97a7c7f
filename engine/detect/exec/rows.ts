/**
 * Rows → contact-change records, through a field map of dot paths (readPath). One row may be a whole
 * contact (a HubSpot contact with `propertiesWithHistory`, a UserGems / Clay / LinkedIn export line) or one
 * change (a Salesforce `ContactHistory` row: Field, OldValue, NewValue, CreatedDate); rows of the same
 * contact at the same account are merged into one record.
 *
 * A bad row becomes an error naming the row, the source field and the value — the other rows go through.
 */
import { DateTime } from 'luxon';
import { ContactChangeSchema, readPath, toIso, type Account, type Contact, type ContactChange, type HistoryEntry, type UnusableItem } from '../../model';

export interface ExecFieldMap {
	contactId: string;
	/** Our account id (or the CRM company id, matched against Account.crm.id). */
	accountId: string;
	/** When rows carry no account id: the company's domain (or a work e-mail) … */
	accountDomain: string;
	/** … or its name. */
	accountName: string;
	name: string;
	firstName: string;
	lastName: string;
	email: string;
	/** The current title. */
	title: string;
	/** A history array: [{ value, timestamp }] (HubSpot) or [{ value, at }]. */
	titleHistory: string;
	titleBefore: string;
	titleAfter: string;
	titleChangedAt: string;
	companyHistory: string;
	companyBefore: string;
	/** The company the person is at now (a LinkedIn export's "Company"). */
	companyAfter: string;
	companyChangedAt: string;
	/** One-change rows (Salesforce ContactHistory): which field, old value, new value, when. */
	changeField: string;
	changeFrom: string;
	changeTo: string;
	changeAt: string;
	leftCompanyAt: string;
	/** true / "yes" / a reason text all mean a hard bounce. */
	emailHardBounce: string;
	emailHardBounceReason: string;
	emailHardBounceAt: string;
	seniority: string;
	lastEngagedAt: string;
	firstSeenAt: string;
	isChampion: string;
	isExecSponsor: string;
	/** A role text such as "Champion; Executive Sponsor" (an alternative to the two flags). */
	roles: string;
	/** When the row was observed (a snapshot export's date); changes without their own date get it. */
	observedAt: string;
	url: string;
}

export type ExecFieldMapKey = keyof ExecFieldMap;

/** The canonical field names: rows that already are contact-change records map with no configuration. */
export const DEFAULT_EXEC_FIELD_MAP: Readonly<ExecFieldMap> = Object.freeze({
	contactId: 'contactId',
	accountId: 'accountId',
	accountDomain: 'accountDomain',
	accountName: 'accountName',
	name: 'name',
	firstName: 'firstName',
	lastName: 'lastName',
	email: 'email',
	title: 'title',
	titleHistory: 'titleHistory',
	titleBefore: 'titleBefore',
	titleAfter: 'titleAfter',
	titleChangedAt: 'titleChangedAt',
	companyHistory: 'companyHistory',
	companyBefore: 'companyBefore',
	companyAfter: 'companyAfter',
	companyChangedAt: 'companyChangedAt',
	changeField: 'changeField',
	changeFrom: 'changeFrom',
	changeTo: 'changeTo',
	changeAt: 'changeAt',
	leftCompanyAt: 'leftCompanyAt',
	emailHardBounce: 'emailHardBounce',
	emailHardBounceReason: 'emailHardBounceReason',
	emailHardBounceAt: 'emailHardBounceAt',
	seniority: 'seniority',
	lastEngagedAt: 'lastEngagedAt',
	firstSeenAt: 'firstSeenAt',
	isChampion: 'isChampion',
	isExecSponsor: 'isExecSponsor',
	roles: 'roles',
	observedAt: 'observedAt',
	url: 'url',
});

/**
 * Starting points for common sources (each overridable field by field). HubSpot: a contact read with
 * `propertiesWithHistory=jobtitle,associatedcompanyid,hs_email_hard_bounce_reason_enum`; the champion and
 * sponsor flags are the CRM node's defaults (`cs_champion`, `cs_exec_sponsor`). Salesforce: ContactHistory
 * queried with the contact's fields (`SELECT ContactId, Contact.Name, Contact.Email, Contact.AccountId, Contact.Title,
 * Field, OldValue, NewValue, CreatedDate FROM ContactHistory WHERE Field IN ('Title','Account')`). UserGems: its
 * CRM field labels. LinkedIn: the Connections.csv export (a snapshot: compared with the account's contacts).
 */
export const EXEC_FIELD_MAP_PRESETS: Readonly<Record<string, Partial<ExecFieldMap>>> = Object.freeze({
	canonical: {},
	hubspot: {
		contactId: 'id',
		accountId: 'properties.associatedcompanyid',
		firstName: 'properties.firstname',
		lastName: 'properties.lastname',
		email: 'properties.email',
		title: 'properties.jobtitle',
		titleHistory: 'propertiesWithHistory.jobtitle',
		companyHistory: 'propertiesWithHistory.associatedcompanyid',
		emailHardBounce: 'properties.hs_email_hard_bounce_reason_enum',
		emailHardBounceReason: 'properties.hs_email_hard_bounce_reason_enum',
		emailHardBounceAt: 'propertiesWithHistory.hs_email_hard_bounce_reason_enum.0.timestamp',
		lastEngagedAt: 'properties.notes_last_contacted',
		firstSeenAt: 'createdAt',
		isChampion: 'properties.cs_champion',
		isExecSponsor: 'properties.cs_exec_sponsor',
	},
	salesforce: {
		contactId: 'ContactId',
		accountId: 'Contact.AccountId',
		name: 'Contact.Name',
		email: 'Contact.Email',
		title: 'Contact.Title',
		changeField: 'Field',
		changeFrom: 'OldValue',
		changeTo: 'NewValue',
		changeAt: 'CreatedDate',
	},
	usergems: {
		contactId: 'Id',
		accountId: 'AccountId',
		name: 'Name',
		email: 'Email',
		title: 'Title',
		leftCompanyAt: 'UG - No Longer at Company (Date)',
	},
	linkedin: {
		contactId: 'URL',
		firstName: 'First Name',
		lastName: 'Last Name',
		email: 'Email Address',
		companyAfter: 'Company',
		titleAfter: 'Position',
		observedAt: 'Connected On',
	},
});

/** Values of `changeField` that mean the title or the company changed (case-insensitive). */
export const TITLE_FIELD_NAMES = ['title', 'jobtitle', 'job title', 'position'];
export const COMPANY_FIELD_NAMES = ['account', 'accountid', 'associatedcompanyid', 'company', 'companyid'];

/** A preset name or `{ preset?, ...overrides }`; unknown keys are an error that lists the known ones. */
export function resolveExecFieldMap(input: string | Partial<Record<string, unknown>> = {}): ExecFieldMap {
	const spec = typeof input === 'string' ? { preset: input } : { ...input };
	const presetName = typeof spec.preset === 'string' && spec.preset !== '' ? spec.preset : 'canonical';
	const preset = EXEC_FIELD_MAP_PRESETS[presetName];
	if (!preset) throw new Error(`Field map preset "${presetName}" is unknown (known: ${Object.keys(EXEC_FIELD_MAP_PRESETS).join(', ')})`);
	const map: ExecFieldMap = { ...DEFAULT_EXEC_FIELD_MAP, ...preset };
	for (const [key, value] of Object.entries(spec)) {
		if (key === 'preset') continue;
		if (!(key in map)) throw new Error(`Field mapping "${key}" is unknown (known: ${Object.keys(map).join(', ')})`);
		if (typeof value === 'string' && value.trim() !== '') map[key as ExecFieldMapKey] = value.trim();
	}
	return map;
}

export interface ExecRowsResult {
	records: Array<{ record: ContactChange; rows: number[] }>;
	/** Rows that could not be used (`input: "rows"`), each naming the row, the source field and the value. */
	unusable: UnusableItem[];
}

export interface ExecRowsOptions {
	fieldMap?: string | Partial<Record<string, unknown>>;
	/** Source system named in signals (`usergems`, `hubspot`, …); default `input`. */
	system?: string;
	/** Zone for dates written without an offset (the workflow's time zone); default UTC. */
	timeZone?: string;
	/** How a problem names the row: default `row 3 (contact 501)`; a sweep over provider records names the record. */
	rowName?: (rowIndex: number, contactId: string | undefined) => string;
}

function present(value: unknown): boolean {
	return value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
}

function text(value: unknown): string | undefined {
	if (!present(value)) return undefined;
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return undefined;
}

class RowProblem extends Error {}

function describe(value: unknown): string {
	const shown = JSON.stringify(value);
	return shown === undefined ? String(value) : shown.length > 60 ? `${shown.slice(0, 57)}...` : shown;
}

/** A date from a row: ISO-8601 (an offset-less value in `zone`), epoch milliseconds, or a "14 Nov 2026"-style export date. */
function readDate(value: unknown, field: string, zone: string): string | undefined {
	if (!present(value)) return undefined;
	if (typeof value === 'number' || (typeof value === 'string' && /^\d{11,13}$/.test(value.trim()))) {
		return toIso(DateTime.fromMillis(Number(value), { zone: 'utc' }));
	}
	if (typeof value === 'string') {
		const trimmed = value.trim();
		let parsed = DateTime.fromISO(trimmed, { setZone: true, zone });
		if (!parsed.isValid) parsed = DateTime.fromFormat(trimmed, 'd MMM yyyy', { zone, locale: 'en' });
		if (!parsed.isValid) parsed = DateTime.fromSQL(trimmed, { zone });
		if (parsed.isValid) return toIso(parsed);
	}
	throw new RowProblem(`${field} ${describe(value)} is not a date (write ISO-8601 such as "2026-11-03" or "2026-11-03T09:00:00Z")`);
}

function readBoolean(value: unknown, field: string): boolean | undefined {
	if (!present(value)) return undefined;
	if (typeof value === 'boolean') return value;
	const word = String(value).trim().toLowerCase();
	if (['true', 'yes', 'y', '1', 'x'].includes(word)) return true;
	if (['false', 'no', 'n', '0'].includes(word)) return false;
	throw new RowProblem(`${field} ${describe(value)} is not true or false`);
}

function readHistory(value: unknown, field: string, zone: string): HistoryEntry[] {
	if (!present(value)) return [];
	if (!Array.isArray(value)) throw new RowProblem(`${field} ${describe(value)} is not a list of { value, timestamp } entries`);
	return value.map((entry, index) => {
		if (!entry || typeof entry !== 'object') throw new RowProblem(`${field}[${index}] ${describe(entry)} is not a { value, timestamp } entry`);
		const record = entry as Record<string, unknown>;
		const at = readDate(record.timestamp ?? record.at ?? record.date ?? record.CreatedDate, `${field}[${index}].timestamp`, zone);
		const source = text(record.sourceType ?? record.source);
		return { value: text(record.value) ?? null, ...(at ? { at } : {}), ...(source ? { source } : {}) };
	});
}

function normaliseDomain(value: string): string {
	const host = value.includes('@') ? value.split('@').pop()! : value;
	return host.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/.*$/, '');
}

function normaliseName(value: string): string {
	return value.trim().toLowerCase().replace(/\s+/g, ' ');
}

interface AccountIndex {
	byId: Map<string, Account>;
	byDomain: Map<string, Account>;
	byName: Map<string, Account>;
}

function indexAccounts(accounts: readonly Account[]): AccountIndex {
	const index: AccountIndex = { byId: new Map(), byDomain: new Map(), byName: new Map() };
	for (const account of accounts) {
		index.byId.set(account.accountId, account);
		if (account.crm?.id && !index.byId.has(account.crm.id)) index.byId.set(account.crm.id, account);
		if (account.domain) index.byDomain.set(normaliseDomain(account.domain), account);
		index.byName.set(normaliseName(account.name), account);
	}
	return index;
}

function known(account: Account | undefined, contact: { contactId: string; email?: string; name: string }): Contact | undefined {
	if (!account) return undefined;
	return (
		account.contacts.find((c) => c.contactId !== undefined && c.contactId === contact.contactId) ??
		account.contacts.find((c) => normaliseName(c.name) === normaliseName(contact.name))
	);
}

function dedupeHistory(entries: HistoryEntry[]): HistoryEntry[] {
	const seen = new Set<string>();
	const out: HistoryEntry[] = [];
	// Undated entries (the "before" of an enrichment row) come first; dated ones in time order.
	const sorted = entries
		.map((entry, order) => ({ entry, order }))
		.sort((a, b) => {
			const ta = a.entry.at ? DateTime.fromISO(a.entry.at).toMillis() : -Infinity;
			const tb = b.entry.at ? DateTime.fromISO(b.entry.at).toMillis() : -Infinity;
			return ta - tb || a.order - b.order;
		});
	for (const { entry } of sorted) {
		const key = `${entry.value}\u001f${entry.at ?? ''}`;
		if (seen.has(key)) continue;
		// An undated value equal to the next dated one adds nothing.
		seen.add(key);
		out.push(entry);
	}
	return out.filter((entry, i) => !(entry.at === undefined && out[i + 1] && out[i + 1].value === entry.value));
}

/**
 * Someone who moved on is filed under the new company (HubSpot associatedcompanyid, Salesforce Contact.AccountId):
 * the account they belonged to is the most recent earlier company value that is one of ours.
 */
function formerAccount(row: unknown, map: ExecFieldMap, index: AccountIndex): Account | undefined {
	const values: unknown[] = [];
	const history = readPath(row, map.companyHistory);
	if (Array.isArray(history)) values.push(...history.map((entry) => (entry && typeof entry === 'object' ? (entry as Record<string, unknown>).value : undefined)));
	values.push(readPath(row, map.companyBefore));
	const field = text(readPath(row, map.changeField));
	if (field && COMPANY_FIELD_NAMES.includes(field.toLowerCase())) values.push(readPath(row, map.changeFrom));
	for (const value of values) {
		const key = text(value);
		const account = key ? (index.byId.get(key) ?? index.byName.get(normaliseName(key))) : undefined;
		if (account) return account;
	}
	return undefined;
}

/**
 * Map rows to contact-change records. `accounts` resolve each row's account (by id, CRM id, domain or name)
 * and fill what a row lacks from the account's known contact: the champion and sponsor flags, last engagement,
 * and the title we knew (so a snapshot export that shows a new title is a change).
 */
export function contactChangesFromRows(rows: readonly unknown[], accounts: readonly Account[], options: ExecRowsOptions = {}): ExecRowsResult {
	const map = resolveExecFieldMap(options.fieldMap);
	const zone = options.timeZone ?? 'utc';
	const system = options.system ?? 'input';
	const index = indexAccounts(accounts);
	const unusable: UnusableItem[] = [];
	const merged = new Map<string, { record: ContactChange; rows: number[] }>();

	rows.forEach((row, rowIndex) => {
		const get = (key: ExecFieldMapKey) => readPath(row, map[key]);
		try {
			if (!row || typeof row !== 'object') throw new RowProblem(`is ${describe(row)}, not an object with contact fields`);
			const contactId = text(get('contactId'));
			const email = text(get('email'));
			const name = text(get('name')) ?? ([text(get('firstName')), text(get('lastName'))].filter(Boolean).join(' ') || email);
			const problems: string[] = [];
			if (!contactId) problems.push(`${map.contactId} is required but missing (the contact's id in its source)`);
			if (!name) problems.push(`${map.name} is required but missing (or give ${map.firstName} / ${map.lastName} or ${map.email})`);

			const accountKey = text(get('accountId'));
			const domain = text(get('accountDomain'));
			const accountName = text(get('accountName'));
			const account =
				(accountKey ? index.byId.get(accountKey) : undefined) ??
				(domain ? index.byDomain.get(normaliseDomain(domain)) : undefined) ??
				(accountName ? index.byName.get(normaliseName(accountName)) : undefined) ??
				(!accountKey && !domain && !accountName && email ? index.byDomain.get(normaliseDomain(email)) : undefined) ??
				formerAccount(row, map, index);
			if (!account) {
				const given = [accountKey && `${map.accountId} ${describe(accountKey)}`, domain && `${map.accountDomain} ${describe(domain)}`, accountName && `${map.accountName} ${describe(accountName)}`].filter(Boolean);
				problems.push(
					given.length
						? `${given.join(', ')} matches none of the ${accounts.length} account(s) given (by account id, CRM id, domain or name)`
						: `${map.accountId} is required but missing (or give ${map.accountDomain} or ${map.accountName})`,
				);
			}
			if (problems.length) throw new RowProblem(problems.join('; '));

			const knownContact = known(account, { contactId: contactId!, email, name: name! });
			const observedAt = readDate(get('observedAt'), map.observedAt, zone);
			const titleHistory = readHistory(get('titleHistory'), map.titleHistory, zone);
			const companyHistory = readHistory(get('companyHistory'), map.companyHistory, zone);
			const before = text(get('titleBefore'));
			const after = text(get('titleAfter'));
			const changedAt = readDate(get('titleChangedAt'), map.titleChangedAt, zone) ?? observedAt;
			if (before) titleHistory.push({ value: before });
			if (after) {
				// A snapshot that names only the title now: what we knew is the "before".
				if (!before && knownContact?.title && normaliseName(knownContact.title) !== normaliseName(after)) titleHistory.push({ value: knownContact.title });
				titleHistory.push({ value: after, ...(changedAt ? { at: changedAt } : {}) });
			}
			const current = text(get('title'));
			if (current && titleHistory.length === 0) titleHistory.push({ value: current });
			const companyBefore = text(get('companyBefore'));
			const companyAfter = text(get('companyAfter'));
			const companyChangedAt = readDate(get('companyChangedAt'), map.companyChangedAt, zone) ?? observedAt;
			if (companyBefore) companyHistory.push({ value: companyBefore });
			if (companyAfter) companyHistory.push({ value: companyAfter, ...(companyChangedAt ? { at: companyChangedAt } : {}) });
			const changeField = text(get('changeField'));
			if (changeField) {
				const at = readDate(get('changeAt'), map.changeAt, zone);
				const from = text(get('changeFrom'));
				const to = text(get('changeTo'));
				const target = TITLE_FIELD_NAMES.includes(changeField.toLowerCase()) ? titleHistory : COMPANY_FIELD_NAMES.includes(changeField.toLowerCase()) ? companyHistory : undefined;
				if (target) {
					if (from) target.push({ value: from });
					target.push({ value: to ?? null, ...(at ? { at } : {}) });
				}
			}
			const bounceFlag = get('emailHardBounce');
			const hard = typeof bounceFlag === 'string' && !['true', 'false', 'yes', 'no', '1', '0', ''].includes(bounceFlag.trim().toLowerCase()) ? true : readBoolean(bounceFlag, map.emailHardBounce);
			const bounceAt = readDate(get('emailHardBounceAt'), map.emailHardBounceAt, zone);
			const bounceReason = text(get('emailHardBounceReason'));
			const roles = (text(get('roles')) ?? '').toLowerCase();
			const seniority = text(get('seniority'));
			const lastEngagedAt = readDate(get('lastEngagedAt'), map.lastEngagedAt, zone) ?? knownContact?.lastEngagedAt;
			const firstSeenAt = readDate(get('firstSeenAt'), map.firstSeenAt, zone) ?? knownContact?.firstSeenAt;
			const leftCompanyAt = readDate(get('leftCompanyAt'), map.leftCompanyAt, zone);
			const url = text(get('url'));
			const candidate = {
				contactId: contactId!,
				accountId: account!.accountId,
				name: name!,
				...(email ? { email } : {}),
				titleHistory,
				companyHistory,
				...(companyAfter ? { newCompany: companyAfter } : {}),
				...(leftCompanyAt ? { leftCompanyAt } : {}),
				...(hard !== undefined || bounceAt ? { emailBounce: { hard: hard ?? true, ...(bounceAt ? { at: bounceAt } : {}), ...(bounceReason ? { reason: bounceReason } : {}) } } : {}),
				...(seniority ? { seniority: seniority.toLowerCase().replace(/[-\s]/g, '_') } : {}),
				...(lastEngagedAt ? { lastEngagedAt } : {}),
				...(firstSeenAt ? { firstSeenAt } : {}),
				isChampion: (readBoolean(get('isChampion'), map.isChampion) ?? false) || /champion/.test(roles) || (knownContact?.isChampion ?? false),
				isExecSponsor: (readBoolean(get('isExecSponsor'), map.isExecSponsor) ?? false) || /sponsor/.test(roles) || (knownContact?.isExecSponsor ?? false),
				source: { system, ref: `contact/${contactId}`, ...(url && /^https?:\/\//.test(url) ? { url } : {}) },
			};
			const parsed = ContactChangeSchema.safeParse(candidate);
			if (!parsed.success) {
				const issue = parsed.error.issues[0];
				const field = String(issue.path[0]);
				const source = field in map ? map[field as ExecFieldMapKey] : field;
				throw new RowProblem(`${source} ${describe(issue.path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)?.[k], candidate))} ${issue.code === 'invalid_enum_value' ? `is not one of ${issue.options.join(', ')}` : issue.message.toLowerCase()}`);
			}
			const key = `${parsed.data.accountId}\u001f${parsed.data.contactId}`;
			const existing = merged.get(key);
			if (!existing) {
				merged.set(key, { record: parsed.data, rows: [rowIndex] });
				return;
			}
			const a = existing.record;
			const b = parsed.data;
			existing.rows.push(rowIndex);
			existing.record = {
				...a,
				...b,
				titleHistory: [...a.titleHistory, ...b.titleHistory],
				companyHistory: [...a.companyHistory, ...b.companyHistory],
				isChampion: a.isChampion || b.isChampion,
				isExecSponsor: a.isExecSponsor || b.isExecSponsor,
				emailBounce: b.emailBounce ?? a.emailBounce,
				leftCompanyAt: b.leftCompanyAt ?? a.leftCompanyAt,
				newCompany: b.newCompany ?? a.newCompany,
			};
		} catch (error) {
			if (!(error instanceof RowProblem)) throw error;
			const who = text(get('contactId'));
			const rowName = options.rowName ?? ((index: number, contactId: string | undefined) => `row ${index}${contactId ? ` (contact ${contactId})` : ''}`);
			unusable.push({ itemIndex: rowIndex, input: 'rows', message: `${rowName(rowIndex, who)}: ${error.message}` });
		}
	});
	const records = [...merged.values()].map((entry) => ({
		rows: entry.rows,
		record: { ...entry.record, titleHistory: dedupeHistory(entry.record.titleHistory), companyHistory: dedupeHistory(entry.record.companyHistory) },
	}));
	return { records, unusable };
}
