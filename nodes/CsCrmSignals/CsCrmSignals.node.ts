import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { sweepCrmItems, sweepHubSpot, type CrmSweepResult } from '../../engine/sweeps';
import { parseJsonObject } from '../../engine/model';
import { nodeError } from '../shared/errors';
import { sourceContext } from '../shared/sourceRequest';
import { unusableItemsOutput } from '../shared/unusableItems';

const STATE_KEY = 'crmSweep';

function jsonOption(functions: IExecuteFunctions, value: unknown, label: string): unknown {
	try {
		// An option added but left at its default "{}" overrides nothing (it must not wipe the built-in defaults).
		const parsed = parseJsonObject(value, label);
		return parsed && Object.keys(parsed).length > 0 ? parsed : undefined;
	} catch (error) {
		throw nodeError(functions.getNode(), error, 0);
	}
}

export class CsCrmSignals implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CS CRM Signals',
		name: 'csCrmSignals',
		icon: { light: 'file:csCrmSignals.svg', dark: 'file:csCrmSignals.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["source"] === "inputItems" ? "From input items" : "HubSpot"}}',
		description: 'Read accounts, deals and contacts from HubSpot (or any rows) and emit Account items and CRM signals',
		defaults: { name: 'CS CRM Signals' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Accounts', 'Signals'],
		credentials: [{ name: 'csHubSpotApi', required: true, displayOptions: { show: { source: ['hubspot'] } } }],
		properties: [
			{
				displayName: 'Source',
				name: 'source',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'HubSpot', value: 'hubspot', description: 'Companies, deals and contacts from HubSpot CRM, read to the last page' },
					{ name: 'From Input Items', value: 'inputItems', description: 'One account per input item, fields mapped below' },
				],
				default: 'hubspot',
			},
			{
				displayName: 'HubSpot Mapping',
				name: 'hubspotMapping',
				type: 'collection',
				placeholder: 'Change Mapping',
				description: 'Which HubSpot property holds what. HubSpot sends every value as text; numbers and dates are parsed strictly.',
				default: {},
				displayOptions: { show: { source: ['hubspot'] } },
				options: [
					{ displayName: 'Active Seats Property', name: 'activeSeatsProperty', type: 'string', default: 'active_seats', description: 'Company property with the seats in use (synced from product analytics)' },
					{ displayName: 'ARR Fallback', name: 'arrFallback', type: 'options', options: [{ name: 'Closed-Won Deals of the Last 12 Months', value: 'closedWonDeals' }, { name: 'None (ARR 0)', value: 'none' }], default: 'closedWonDeals', description: 'What ARR is when the ARR property is empty' },
					{ displayName: 'ARR Property', name: 'arrProperty', type: 'string', default: 'arr', description: 'Company property holding annual recurring revenue' },
					{ displayName: 'Cancel Intent Property', name: 'cancelIntentProperty', type: 'string', default: 'cancel_intent' },
					{ displayName: 'Champion Property', name: 'championProperty', type: 'string', default: 'cs_champion', description: 'Contact property (true/false) marking the champion' },
					{ displayName: 'Company Last Contacted Property', name: 'companyLastContactProperty', type: 'string', default: 'notes_last_contacted', description: 'Company property with the last two-way contact' },
					{ displayName: 'Contact Last Engaged Property', name: 'lastEngagedProperty', type: 'string', default: 'notes_last_contacted', description: 'Contact property with the last two-way contact with that person' },
					{ displayName: 'Contract Start Property', name: 'contractStartProperty', type: 'string', default: 'contract_start_date' },
					{ displayName: 'Default Currency', name: 'defaultCurrency', type: 'string', default: 'USD', description: 'ISO 4217 code used when deals carry none' },
					{ displayName: 'Discount Expiry Property', name: 'discountExpiryProperty', type: 'string', default: 'discount_expiry_date' },
					{ displayName: 'Exec Sponsor Property', name: 'execSponsorProperty', type: 'string', default: 'cs_exec_sponsor', description: 'Contact property (true/false) marking the executive sponsor' },
					{ displayName: 'First Value Date Property', name: 'firstValueDateProperty', type: 'string', default: 'cs_first_value_date', description: 'Company property with the day first value was achieved (onboarding complete)' },
					{ displayName: 'Go-Live Date Property', name: 'goLiveDateProperty', type: 'string', default: 'cs_go_live_date' },
					{ displayName: 'Kickoff Date Property', name: 'kickoffDateProperty', type: 'string', default: 'cs_kickoff_date' },
					{ displayName: 'Licensed Seats Property', name: 'licensedSeatsProperty', type: 'string', default: 'licensed_seats' },
					{ displayName: 'Onboarding Timeline (Days) Property', name: 'onboardingTimelineDaysProperty', type: 'string', default: 'cs_onboarding_timeline_days', description: 'Company property with the agreed days from contract start to first value' },
					{ displayName: 'Owner Directory (JSON)', name: 'ownerDirectory', type: 'json', default: '{}', description: 'HubSpot owner ID → {"name", "email", "slackUserId"}' },
					{ displayName: 'Owner Properties (JSON)', name: 'ownerProperties', type: 'json', default: '{"csm":"hubspot_owner_id"}', description: 'Owner role (csm, ae, csManager, …) → company property holding a HubSpot owner ID' },
					{ displayName: 'Payment Status Property', name: 'paymentStatusProperty', type: 'string', default: 'payment_status' },
					{ displayName: 'Portal ID', name: 'portalId', type: 'string', default: '', description: 'Your HubSpot portal (hub) ID, for links to records in app.hubspot.com' },
					{ displayName: 'Renewal Date Property', name: 'renewalDateProperty', type: 'string', default: 'renewal_date', description: 'Company property with the renewal date; empty → the open renewal deal\'s close date' },
					{ displayName: 'Segment Property', name: 'segmentProperty', type: 'string', default: 'cs_segment' },
				],
			},
			{
				displayName: 'Field Mapping',
				name: 'fieldMapping',
				type: 'collection',
				placeholder: 'Add Field Mapping',
				description: 'Which field of each input item holds what (dot paths). Defaults are the canonical Account field names.',
				default: {},
				displayOptions: { show: { source: ['inputItems'] } },
				options: [
					{ displayName: 'Account ID Field', name: 'accountId', type: 'string', default: 'accountId' },
					{ displayName: 'ARR Field', name: 'arr', type: 'string', default: 'arr' },
					{ displayName: 'Cancel Intent Field', name: 'cancelIntent', type: 'string', default: 'cancelIntent' },
					{ displayName: 'Contacts Field', name: 'contacts', type: 'string', default: 'contacts', description: 'A list of {name, title, isChampion, isExecSponsor, lastEngagedAt}' },
					{ displayName: 'Currency Field', name: 'currency', type: 'string', default: 'currency' },
					{ displayName: 'Discount Expiry Date Field', name: 'discountExpiryDate', type: 'string', default: 'discountExpiryDate' },
					{ displayName: 'Name Field', name: 'name', type: 'string', default: 'name' },
					{ displayName: 'Owners Field', name: 'owners', type: 'string', default: 'owners', description: 'An object {csm: {name, email}, ae: …}' },
					{ displayName: 'Payment Status Field', name: 'paymentStatus', type: 'string', default: 'paymentStatus' },
					{ displayName: 'Renewal Date Field', name: 'renewalDate', type: 'string', default: 'renewalDate' },
					{ displayName: 'Renewal Deal Amount Field', name: 'renewalDealAmount', type: 'string', default: 'renewalDeal.amount' },
					{ displayName: 'Renewal Deal ID Field', name: 'renewalDealId', type: 'string', default: 'renewalDeal.id' },
					{ displayName: 'Renewal Deal Stage Field', name: 'renewalDealStage', type: 'string', default: 'renewalDeal.stage' },
					{ displayName: 'Segment Field', name: 'segment', type: 'string', default: 'segment' },
				],
			},
			{
				displayName: 'As Of',
				name: 'asOf',
				type: 'dateTime',
				default: '',
				description: 'The moment to detect for (default: now)',
			},
			{
				displayName: 'Detection',
				name: 'detection',
				type: 'collection',
				placeholder: 'Override',
				description: 'Defaults are the signal taxonomy\'s detection parameters',
				default: {},
				options: [
					{ displayName: 'Cancel Intent Stages', name: 'cancelIntentStages', type: 'string', default: '', description: 'Comma-separated deal stage IDs meaning the customer asked to cancel' },
					{ displayName: 'Contraction: Minimum Decrease %', name: 'contractionMinDecreasePct', type: 'number', default: 5 },
					{ displayName: 'Discount: Days Before Expiry', name: 'discountDaysBeforeExpiry', type: 'number', default: 120 },
					{ displayName: 'Payment Issue Values', name: 'paymentIssueValues', type: 'string', default: 'past_due,overdue,failed,unpaid,delinquent', description: 'Comma-separated payment-status values meaning a payment problem' },
					{ displayName: 'Single-Threaded: Max Contacts', name: 'singleThreadedMaxContacts', type: 'number', default: 1 },
					{ displayName: 'Stage Labels (JSON)', name: 'stageLabels', type: 'json', default: '{}', description: 'Stage ID → label for evidence sentences' },
					{ displayName: 'Stage Order (JSON)', name: 'stageOrder', type: 'json', default: '{}', description: 'Pipeline ID → its stage IDs, first stage first (default: HubSpot\'s default pipeline)' },
				],
			},
			{
				displayName: 'Max Attempts per Request',
				name: 'maxAttempts',
				type: 'number',
				default: 4,
				typeOptions: { minValue: 1 },
				displayOptions: { show: { source: ['hubspot'] } },
				description: 'Rate-limited (429) or failing (5xx) requests are retried, honouring Retry-After; then the run fails naming what was read',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const source = this.getNodeParameter('source', 0) as 'hubspot' | 'inputItems';
		const detection = { ...(this.getNodeParameter('detection', 0, {}) as IDataObject) };
		for (const key of ['stageOrder', 'stageLabels'] as const) detection[key] = jsonOption(this, detection[key], key) as IDataObject;
		const staticData = this.getWorkflowStaticData('node');
		const options = { asOf: (this.getNodeParameter('asOf', 0, '') as string) || undefined, detection, previous: staticData[STATE_KEY] };

		let run: CrmSweepResult;
		try {
			if (source === 'hubspot') {
				const mapping = { ...(this.getNodeParameter('hubspotMapping', 0, {}) as IDataObject) };
				for (const key of ['ownerDirectory', 'ownerProperties'] as const) mapping[key] = jsonOption(this, mapping[key], key) as IDataObject;
				const credentials = await this.getCredentials('csHubSpotApi');
				const client = { ...sourceContext(this, 'csHubSpotApi', this.getNodeParameter('maxAttempts', 0, 4) as number), baseUrl: credentials.baseUrl as string };
				run = await sweepHubSpot({ ...options, client, mapping });
			} else {
				run = sweepCrmItems({ ...options, items: items.map((item) => item.json), fieldMap: this.getNodeParameter('fieldMapping', 0, {}) as IDataObject });
			}
		} catch (error) {
			if (!this.continueOnFail()) throw nodeError(this.getNode(), error, 0);
			return [[{ json: { error: (error as Error).message }, pairedItem: { item: 0 } }], []];
		}
		const unusable = unusableItemsOutput(this, run.unusable, {
			...(source === 'hubspot' ? { noun: 'HubSpot company', nounPlural: 'HubSpot companies' } : { noun: 'input item', total: items.length }),
			consequence: 'nothing was emitted and the saved deal stages were not changed',
			otherwise: 'get the other accounts and their signals',
		});
		const accounts: INodeExecutionData[] = run.accounts.map(({ account, itemIndex }) => ({ json: account as unknown as IDataObject, pairedItem: { item: itemIndex } }));
		accounts.push(...unusable);
		const signals: INodeExecutionData[] = run.signals.map(({ signal, itemIndex }) => ({ json: signal as unknown as IDataObject, pairedItem: { item: itemIndex } }));
		staticData[STATE_KEY] = run.state as unknown as IDataObject;
		return [accounts, signals];
	}
}
