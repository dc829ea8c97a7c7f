/**
 * One exec-change sweep over input items (CS Executive Change Signals, "From Input Items", and the command line):
 * job-change rows from an enrichment tool (UserGems, Clay), a LinkedIn export, HubSpot contacts or Salesforce
 * ContactHistory rows fetched by another node — mapped through a field map (a preset plus overrides) to
 * contact-change records, matched to the accounts, and run through the exec detectors.
 */
import { AccountSchema, parseItems, resolveAsOf, type Account, type UnusableItem } from '../model';
import { contactChangesFromRows } from '../detect/exec';
import { detectAndRemember, type ExecSweepCommon, type ExecSweepResult } from './exec';

export interface ExecItemsSweepOptions extends ExecSweepCommon {
	rows: readonly unknown[];
	/** Account items (with their contacts and champion / sponsor roles), e.g. CS CRM Signals' first output. */
	accounts: readonly unknown[];
	/** A preset name (`canonical`, `hubspot`, `salesforce`, `usergems`, `linkedin`) or `{ preset?, field: path, … }`. */
	fieldMap?: string | Record<string, unknown>;
	/** Source system named in the signals; default `input`. */
	system?: string;
	/** The workflow's time zone, for dates written without an offset. Default UTC. */
	timeZone?: string;
}

/** The accounts that parse; each one that does not is an UnusableItem on the "accounts" input. */
export function parseAccountItems(accounts: readonly unknown[]): { accounts: Account[]; unusable: UnusableItem[] } {
	const { items, unusable } = parseItems(AccountSchema, 'account', accounts, 'accounts');
	return { accounts: items.map((item) => item.value), unusable };
}

/** Each signal comes out paired with the rows it rests on (a re-organisation: the rows of every contact in it). */
export function sweepExecItems(options: ExecItemsSweepOptions): ExecSweepResult {
	const parsed = parseAccountItems(options.accounts);
	const { records, unusable } = contactChangesFromRows(options.rows, parsed.accounts, { fieldMap: options.fieldMap, system: options.system, timeZone: options.timeZone });
	const { signals, state, detected, emittedBefore } = detectAndRemember(
		records.map((entry) => entry.record),
		parsed.accounts,
		{ ...options, asOf: resolveAsOf(options.asOf, options.timeZone) },
	);
	const rowsOf = new Map(records.map((entry) => [`${entry.record.accountId}\u001f${entry.record.contactId}`, entry.rows]));
	return {
		detections: signals.map((signal) => {
			const contacts = Array.isArray(signal.attributes.contactIds) ? (signal.attributes.contactIds as string[]) : [String(signal.attributes.contactId)];
			const itemIndexes = [...new Set(contacts.flatMap((contactId) => rowsOf.get(`${signal.accountId}\u001f${contactId}`) ?? []))].sort((a, b) => a - b);
			return { signal, itemIndexes, input: 'rows' as const };
		}),
		unusable: [...parsed.unusable, ...unusable],
		state,
		read: { contacts: records.length, contactsOutsideBook: 0, signalsDetected: detected, signalsEmittedBefore: emittedBefore },
	};
}

