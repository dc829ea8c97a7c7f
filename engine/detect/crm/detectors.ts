/**
 * CRM records → CRM signals: stage regression, discount expiring, contraction, no executive sponsor,
 * single-threaded, cancel intent, payment issue. Pure functions of the records, the previous run's
 * deal stages and the as-of instant; thresholds default to the taxonomy's detection parameters.
 */
import { z } from 'zod';
import type { DateTime } from 'luxon';
import { formatAmount, ownValue, parseIsoDate, plural, setOwn, SENIORITY_LABELS, SENIORITY_RANK, signalId, toIso, type Contact, type CrmAccountRecord, type CrmDeal, type Signal } from '../../model';
import { getSignalType } from '../../taxonomy';
import type { CrmSweepState } from './types';

/** HubSpot's default sales pipeline, first stage first (closedlost is a loss, not an earlier stage). */
export const HUBSPOT_DEFAULT_PIPELINE_STAGES = [
	'appointmentscheduled',
	'qualifiedtobuy',
	'presentationscheduled',
	'decisionmakerboughtin',
	'contractsent',
	'closedwon',
];

const taxonomy = (id: string) => getSignalType(id).detection;

export const CrmDetectionConfigSchema = z.object({
	/** Pipeline id → its stage ids in order. A deal moving to an earlier stage of its pipeline regressed. */
	stageOrder: z.record(z.string(), z.array(z.string()).min(1)).default({ default: HUBSPOT_DEFAULT_PIPELINE_STAGES }),
	/** Stage id → label used in evidence sentences. */
	stageLabels: z.record(z.string(), z.string()).default({}),
	minStagesBack: z.number().int().positive().default(taxonomy('crm.stage_regression').minStagesBack),
	discountDaysBeforeExpiry: z.number().positive().default(taxonomy('crm.discount_expiring').daysBeforeExpiry),
	contractionMinDecreasePct: z.number().min(0).max(100).default(taxonomy('crm.contraction').minDecreasePct),
	noExecSponsorMinAccountAgeDays: z.number().min(0).default(taxonomy('crm.no_exec_sponsor').minAccountAgeDays),
	singleThreadedMaxContacts: z.number().int().min(0).default(taxonomy('crm.single_threaded').maxActiveContacts),
	singleThreadedWindowDays: z.number().positive().default(taxonomy('crm.single_threaded').windowDays),
	/** Deal stages meaning the customer asked to cancel / will not renew. */
	cancelIntentStages: z.array(z.string()).default([]),
	/** Values of the cancel-intent property that mean intent (case-insensitive); any other value is ignored. */
	cancelIntentValues: z.array(z.string()).default(['true', 'yes', 'notice given', 'non-renewal', 'cancel']),
	/** Values of the payment-status property that mean a payment problem (case-insensitive). */
	paymentIssueValues: z.array(z.string()).default(['past_due', 'overdue', 'failed', 'unpaid', 'delinquent']),
});
export type CrmDetectionConfig = z.infer<typeof CrmDetectionConfigSchema>;
export type CrmDetectionConfigInput = z.input<typeof CrmDetectionConfigSchema>;

export interface CrmDetectionResult {
	signals: Signal[];
	/** The state to keep for the next run (deal stages as seen now). */
	state: CrmSweepState;
}

interface Context {
	asOf: DateTime;
	detectedAt: string;
	config: CrmDetectionConfig;
	previous: CrmSweepState;
}

/** "36,000 USD", cents kept when there are any. */
function money(amount: number, currency: string): string {
	return formatAmount(amount, currency, 2);
}

function day(iso: string): string {
	return iso.slice(0, 10);
}

function stageLabel(stage: string, context: Context): string {
	return ownValue(context.config.stageLabels, stage) ?? stage;
}

function build(type: string, record: CrmAccountRecord, context: Context, parts: { ref: string; qualifier: string; observedAt?: string; evidence: string; url?: string; value?: number; baseline?: number; attributes?: Record<string, unknown> }): Signal {
	const definition = getSignalType(type);
	const signal: Signal = {
		id: signalId(record.system, `${parts.ref}#${parts.qualifier}`, type),
		accountId: record.account.accountId,
		category: definition.category,
		type,
		polarity: definition.polarity,
		severity: definition.defaultSeverity,
		observedAt: parts.observedAt ?? context.detectedAt,
		detectedAt: context.detectedAt,
		evidence: parts.evidence,
		source: { system: record.system, ref: parts.ref, ...(parts.url ? { url: parts.url } : {}) },
		attributes: parts.attributes ?? {},
	};
	if (parts.value !== undefined) signal.value = parts.value;
	if (parts.baseline !== undefined) signal.baseline = parts.baseline;
	return signal;
}

function stageIndex(deal: Pick<CrmDeal, 'pipeline'>, stage: string, context: Context): number {
	const order = context.config.stageOrder[deal.pipeline];
	return order ? order.indexOf(stage) : -1;
}

function detectStageRegression(record: CrmAccountRecord, context: Context): Signal[] {
	const signals: Signal[] = [];
	for (const deal of record.deals) {
		if (deal.isClosed) continue;
		const current = stageIndex(deal, deal.stage, context);
		if (current < 0) continue;
		const order = context.config.stageOrder[deal.pipeline];
		let from: { stage: string; index: number } | undefined;
		let observedAt: string | undefined;
		// 1. Stage entry dates: a later stage entered before the current one means the deal came back.
		const enteredCurrent = deal.stageEnteredAt[deal.stage];
		if (enteredCurrent) {
			for (let index = order.length - 1; index > current; index -= 1) {
				const enteredLater = deal.stageEnteredAt[order[index]];
				if (enteredLater && enteredLater < enteredCurrent) {
					from = { stage: order[index], index };
					observedAt = enteredCurrent;
					break;
				}
			}
		}
		// 2. Otherwise the stage the previous run saw.
		if (!from) {
			const seen = ownValue(context.previous.dealStages, deal.dealId);
			if (seen && seen.pipeline === deal.pipeline) {
				const index = stageIndex(deal, seen.stage, context);
				if (index > current) from = { stage: seen.stage, index };
			}
		}
		if (!from || from.index - current < context.config.minStagesBack) continue;
		const when = observedAt ? ` on ${day(observedAt)}` : ` since the last sweep${context.previous.lastSweepAt ? ` (${day(context.previous.lastSweepAt)})` : ''}`;
		signals.push(
			build('crm.stage_regression', record, context, {
				ref: `deal/${deal.dealId}`,
				qualifier: `${from.stage}>${deal.stage}@${observedAt ?? ''}`,
				observedAt: observedAt ?? deal.updatedAt,
				evidence: `Deal "${deal.name}" moved back from ${stageLabel(from.stage, context)} to ${stageLabel(deal.stage, context)}${when}`,
				url: deal.url,
				value: from.index - current,
				attributes: { dealId: deal.dealId, fromStage: from.stage, toStage: deal.stage, pipeline: deal.pipeline },
			}),
		);
	}
	return signals;
}

function detectDiscountExpiring(record: CrmAccountRecord, context: Context): Signal[] {
	const expiry = parseIsoDate(record.account.discountExpiryDate);
	if (!expiry) return [];
	const days = Math.ceil(expiry.diff(context.asOf, 'days').days);
	if (days < 0 || days > context.config.discountDaysBeforeExpiry) return [];
	const renewal = record.account.renewalDate ? ` (renewal on ${day(record.account.renewalDate)})` : '';
	return [
		build('crm.discount_expiring', record, context, {
			ref: record.ref,
			qualifier: `discount:${day(record.account.discountExpiryDate!)}`,
			evidence: `Discount expires on ${day(record.account.discountExpiryDate!)}, in ${plural(days, 'day')}${renewal}`,
			url: record.url,
			value: days,
			attributes: { discountExpiryDate: record.account.discountExpiryDate },
		}),
	];
}

function detectContraction(record: CrmAccountRecord, context: Context): Signal[] {
	const arr = record.account.arr;
	if (!(arr > 0)) return [];
	const renewal = record.deals
		.filter((deal) => deal.isRenewal && !deal.isClosed && deal.amount !== undefined)
		.sort((a, b) => (a.closeDate ?? '').localeCompare(b.closeDate ?? ''))[0];
	if (!renewal) return [];
	const decreasePct = ((arr - renewal.amount!) / arr) * 100;
	if (decreasePct <= 0 || decreasePct < context.config.contractionMinDecreasePct) return [];
	const currency = record.account.currency;
	return [
		build('crm.contraction', record, context, {
			ref: `deal/${renewal.dealId}`,
			qualifier: `amount:${renewal.amount}`,
			evidence: `Renewal deal "${renewal.name}" is ${money(renewal.amount!, currency)} against ${money(arr, currency)} ARR today (−${Math.round(decreasePct)}%)`,
			url: renewal.url,
			value: renewal.amount,
			baseline: arr,
			attributes: { dealId: renewal.dealId, decreasePct: Math.round(decreasePct * 10) / 10 },
		}),
	];
}

function activeContacts(record: CrmAccountRecord): Contact[] {
	return record.account.contacts.filter((contact) => contact.status === 'active');
}

function accountAgeDays(record: CrmAccountRecord, context: Context): number | undefined {
	const since = parseIsoDate(record.account.contractStart) ?? parseIsoDate(record.account.onboarding.kickoffAt);
	return since ? context.asOf.diff(since, 'days').days : undefined;
}

function detectNoExecSponsor(record: CrmAccountRecord, context: Context): Signal[] {
	const contacts = activeContacts(record);
	if (contacts.some((contact) => contact.isExecSponsor || contact.seniority === 'c_level' || contact.seniority === 'vp')) return [];
	const age = accountAgeDays(record, context);
	if (age !== undefined && age < context.config.noExecSponsorMinAccountAgeDays) return [];
	const mostSenior = contacts
		.filter((contact) => contact.seniority)
		.sort((a, b) => SENIORITY_RANK[a.seniority!] - SENIORITY_RANK[b.seniority!])[0];
	const evidence =
		contacts.length === 0
			? 'No executive sponsor: no contacts are recorded for this account'
			: `No executive sponsor: ${plural(contacts.length, 'contact')}, none at VP or C-level and none marked as sponsor${mostSenior ? ` (most senior: ${mostSenior.name}, ${SENIORITY_LABELS[mostSenior.seniority!]})` : ''}`;
	return [build('crm.no_exec_sponsor', record, context, { ref: record.ref, qualifier: 'no_exec_sponsor', evidence, url: record.url, value: contacts.length })];
}

function detectSingleThreaded(record: CrmAccountRecord, context: Context): Signal[] {
	const contacts = activeContacts(record);
	const tracked = contacts.some((contact) => contact.lastEngagedAt);
	const windowStart = context.asOf.minus({ days: context.config.singleThreadedWindowDays });
	const engaged = tracked
		? contacts.filter((contact) => {
				const at = parseIsoDate(contact.lastEngagedAt);
				return at !== null && at >= windowStart && at <= context.asOf;
			})
		: contacts;
	if (engaged.length > context.config.singleThreadedMaxContacts) return [];
	const verb = tracked ? `engaged in the last ${context.config.singleThreadedWindowDays} days` : 'recorded';
	const who = (contact: Contact) => `${contact.name}${contact.title ? `, ${contact.title}` : ''}`;
	const evidence =
		engaged.length === 0
			? `Single-threaded: no contact ${verb} for this account`
			: `Single-threaded: only ${engaged.length === 1 ? `1 contact ${verb} (${who(engaged[0])})` : `${engaged.length} contacts ${verb} (${engaged.map(who).join('; ')})`}`;
	return [
		build('crm.single_threaded', record, context, {
			ref: record.ref,
			qualifier: 'single_threaded',
			evidence,
			url: record.url,
			value: engaged.length,
			attributes: { contactIds: engaged.map((contact) => contact.contactId).filter(Boolean) },
		}),
	];
}

function detectCancelIntent(record: CrmAccountRecord, context: Context): Signal[] {
	const signals: Signal[] = [];
	const values = context.config.cancelIntentValues.map((value) => value.toLowerCase());
	if (record.cancelIntentValue !== undefined && values.includes(record.cancelIntentValue.toLowerCase())) {
		signals.push(
			build('crm.cancel_intent', record, context, {
				ref: record.ref,
				qualifier: `property:${record.cancelIntentValue}`,
				evidence: `Cancel intent recorded on the account: "${record.cancelIntentValue}"`,
				url: record.url,
				attributes: { value: record.cancelIntentValue },
			}),
		);
	}
	for (const deal of record.deals) {
		if (!context.config.cancelIntentStages.includes(deal.stage)) continue;
		const entered = deal.stageEnteredAt[deal.stage];
		signals.push(
			build('crm.cancel_intent', record, context, {
				ref: `deal/${deal.dealId}`,
				qualifier: `stage:${deal.stage}`,
				observedAt: entered ?? deal.updatedAt,
				evidence: `Deal "${deal.name}" is in stage ${stageLabel(deal.stage, context)}${entered ? ` since ${day(entered)}` : ''}`,
				url: deal.url,
				attributes: { dealId: deal.dealId, stage: deal.stage },
			}),
		);
	}
	return signals;
}

function detectPaymentIssue(record: CrmAccountRecord, context: Context): Signal[] {
	const status = record.paymentStatus;
	if (status === undefined || !context.config.paymentIssueValues.map((value) => value.toLowerCase()).includes(status.toLowerCase())) return [];
	return [
		build('crm.payment_issue', record, context, {
			ref: record.ref,
			qualifier: `payment:${status}`,
			evidence: `Payment status is "${status}"`,
			url: record.url,
			attributes: { paymentStatus: status },
		}),
	];
}

const DETECTORS = [detectStageRegression, detectDiscountExpiring, detectContraction, detectNoExecSponsor, detectSingleThreaded, detectCancelIntent, detectPaymentIssue];

/** Every CRM signal for the records, as of one instant, plus the deal stages to remember. */
export function detectCrmSignals(
	records: CrmAccountRecord[],
	options: { asOf: DateTime; config?: CrmDetectionConfigInput; previous?: CrmSweepState },
): CrmDetectionResult {
	const context: Context = {
		asOf: options.asOf,
		detectedAt: toIso(options.asOf),
		config: CrmDetectionConfigSchema.parse(options.config ?? {}),
		previous: options.previous ?? { dealStages: {} },
	};
	const signals = records.flatMap((record) => DETECTORS.flatMap((detect) => detect(record, context)));
	const dealStages: CrmSweepState['dealStages'] = {};
	for (const record of records) {
		for (const deal of record.deals) if (!deal.isClosed) setOwn(dealStages, deal.dealId, { stage: deal.stage, pipeline: deal.pipeline });
	}
	return { signals, state: { dealStages, lastSweepAt: context.detectedAt } };
}
