import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { DEFAULT_SUPPORT_SYSTEM, detectSupportSignalsFromItems } from '../../engine/detect/support';
import { zendeskBaseUrl } from '../../engine/sources/zendesk';
import { sweepZendesk } from '../../engine/sweeps';
import { nodeError } from '../shared/errors';
import { sourceContext } from '../shared/sourceRequest';
import { unusableItemsOutput } from '../shared/unusableItems';

const ZENDESK_STATE_KEY = 'zendeskSweep';

export class CsSupportSignals implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CS Support Signals',
		name: 'csSupportSignals',
		icon: { light: 'file:csSupportSignals.svg', dark: 'file:csSupportSignals.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["source"] === "inputItems" ? "From input items" : $parameter["source"]}}',
		description:
			'Turn support tickets into customer signals: volume spike, urgent escalation, ticket burst, low CSAT, slow resolution',
		defaults: { name: 'CS Support Signals' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'csZendeskApi', required: true, displayOptions: { show: { source: ['zendesk'] } } }],
		properties: [
			{
				displayName: 'Source',
				name: 'source',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'From Input Items',
						value: 'inputItems',
						description: 'Zendesk-shaped ticket items from any upstream node (all of an account\'s tickets at once)',
					},
					{
						name: 'Zendesk',
						value: 'zendesk',
						description: 'Incremental ticket export with metric sets and satisfaction ratings; remembers its cursor, so each run reads only what changed',
					},
				],
				default: 'inputItems',
			},
			{
				displayName: 'Field Mapping',
				name: 'fieldMapping',
				type: 'collection',
				placeholder: 'Add Field Mapping',
				description: 'Which field of each ticket item holds what (dot paths such as satisfaction_rating.score). Defaults follow Zendesk\'s ticket JSON.',
				default: {},
				displayOptions: { show: { source: ['inputItems'] } },
				options: [
					{ displayName: 'Account Key Field', name: 'accountKey', type: 'string', default: 'organization_id', description: 'Field holding the account the ticket belongs to' },
					{ displayName: 'Created At Field', name: 'createdAt', type: 'string', default: 'created_at', description: 'Field holding when the ticket was opened (ISO-8601)' },
					{ displayName: 'Description Field', name: 'description', type: 'string', default: 'description' },
					{ displayName: 'Priority Field', name: 'priority', type: 'string', default: 'priority', description: 'Field holding urgent, high, normal or low' },
					{ displayName: 'Resolution Minutes Field', name: 'resolutionMinutes', type: 'string', default: 'metric_set.full_resolution_time_in_minutes.calendar', description: 'Field holding how many minutes the ticket took to resolve; without it, solved-at minus created-at is used' },
					{ displayName: 'Satisfaction Score Field', name: 'satisfactionScore', type: 'string', default: 'satisfaction_rating.score', description: 'Field holding a good/bad rating or a 1–5 score' },
					{ displayName: 'Solved At Field', name: 'solvedAt', type: 'string', default: 'metric_set.solved_at', description: 'Field holding when the ticket was solved (ISO-8601)' },
					{ displayName: 'Status Field', name: 'status', type: 'string', default: 'status', description: 'Field holding new, open, pending, hold, solved or closed' },
					{ displayName: 'Subject Field', name: 'subject', type: 'string', default: 'subject' },
					{ displayName: 'Tags Field', name: 'tags', type: 'string', default: 'tags' },
					{ displayName: 'Ticket ID Field', name: 'ticketId', type: 'string', default: 'id' },
					{ displayName: 'Updated At Field', name: 'updatedAt', type: 'string', default: 'updated_at' },
					{ displayName: 'URL Field', name: 'url', type: 'string', default: 'url' },
				],
			},
			{
				displayName: 'Ticket Window (Days)',
				name: 'zendeskWindowDays',
				type: 'number',
				default: 120,
				typeOptions: { minValue: 1 },
				displayOptions: { show: { source: ['zendesk'] } },
				description: 'The first run reads tickets changed in this many days; every run keeps this many days of tickets for baselines (cover the volume-spike baseline plus window)',
			},
			{
				displayName: 'Include Satisfaction Ratings',
				name: 'zendeskSatisfactionRatings',
				type: 'boolean',
				default: true,
				displayOptions: { show: { source: ['zendesk'] } },
				description: 'Whether to read CSAT ratings (with comments) and merge them onto their tickets; needs an admin token',
			},
			{
				displayName: 'Max Attempts per Request',
				name: 'maxAttempts',
				type: 'number',
				default: 4,
				typeOptions: { minValue: 1 },
				displayOptions: { show: { source: ['zendesk'] } },
				description: 'Rate-limited (429) or failing (5xx) requests are retried, honouring Retry-After; then the run fails and the cursor stays where it was',
			},
			{
				displayName: 'As Of',
				name: 'asOf',
				type: 'dateTime',
				default: '',
				description: 'The moment to detect for (default: now). Tickets opened later are ignored, so past dates replay history.',
			},
			{
				displayName: 'Detection Thresholds',
				name: 'thresholds',
				type: 'collection',
				placeholder: 'Override Threshold',
				description: 'Defaults are the signal taxonomy\'s detection parameters',
				default: {},
				options: [
					{ displayName: 'Burst: Minimum Tickets', name: 'ticketBurstMinTickets', type: 'number', default: 3, description: 'Tickets within the burst window that make a burst' },
					{ displayName: 'Burst: Window (Days)', name: 'ticketBurstWindowDays', type: 'number', default: 7 },
					{ displayName: 'Low CSAT: Maximum Score (1–5)', name: 'lowCsatMaxScore', type: 'number', default: 3, description: 'Scores at or below this are low; a "bad" rating counts as 1' },
					{ displayName: 'Per-Ticket Lookback (Days)', name: 'ticketLookbackDays', type: 'number', default: 30, description: 'Urgent, low-CSAT and slow tickets older than this yield no signal (they still count toward the volume baseline)' },
					{ displayName: 'Slow Resolution: Maximum Hours', name: 'slowResolutionMaxHours', type: 'number', default: 72 },
					{ displayName: 'Volume Spike: Baseline (Days)', name: 'volumeSpikeBaselineDays', type: 'number', default: 90, description: 'The period before the window that sets the account\'s normal volume' },
					{ displayName: 'Volume Spike: Minimum Increase (%)', name: 'volumeSpikeIncreasePct', type: 'number', default: 40 },
					{ displayName: 'Volume Spike: Minimum Tickets', name: 'volumeSpikeMinTickets', type: 'number', default: 3, description: 'Fewer tickets than this in the window is never a spike' },
					{ displayName: 'Volume Spike: Window (Days)', name: 'volumeSpikeWindowDays', type: 'number', default: 30 },
				],
			},
			{
				displayName: 'Source System Name',
				name: 'sourceSystem',
				type: 'string',
				default: 'zendesk',
				description: 'Named as the source of every signal (part of the signal ID)',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		if (this.getNodeParameter('source', 0) === 'zendesk') return executeZendesk.call(this);
		const items = this.getInputData();
		let result: ReturnType<typeof detectSupportSignalsFromItems>;
		try {
			result = detectSupportSignalsFromItems(
				items.map((item) => item.json),
				{
					fieldMap: this.getNodeParameter('fieldMapping', 0, {}) as IDataObject,
					thresholds: this.getNodeParameter('thresholds', 0, {}) as IDataObject,
					asOf: (this.getNodeParameter('asOf', 0, '') as string) || undefined,
					timezone: this.getTimezone(),
					system: this.getNodeParameter('sourceSystem', 0, DEFAULT_SUPPORT_SYSTEM) as string,
				},
			);
		} catch (error) {
			throw nodeError(this.getNode(), error);
		}
		const unusable = unusableItemsOutput(this, result.unusable, {
			noun: 'ticket item',
			total: items.length,
			otherwise: 'get signals from the others',
			fields: (item) => ({ ticketIndex: item.itemIndex }),
		});
		const output: INodeExecutionData[] = result.detections.map(({ signal, itemIndexes }) => ({
			json: signal as unknown as IDataObject,
			pairedItem: itemIndexes.length === 1 ? { item: itemIndexes[0] } : itemIndexes.map((item) => ({ item })),
		}));
		return [[...output, ...unusable]];
	}
}

/** Zendesk mode: one sweep from the stored cursor; static data is written only when the run succeeds. */
async function executeZendesk(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const staticData = this.getWorkflowStaticData('node');
	let run: Awaited<ReturnType<typeof sweepZendesk>>;
	try {
		const credentials = await this.getCredentials('csZendeskApi');
		const baseUrl = zendeskBaseUrl(credentials);
		run = await sweepZendesk({
			client: { ...sourceContext(this, 'csZendeskApi', this.getNodeParameter('maxAttempts', 0, 4) as number), baseUrl },
			previous: staticData[ZENDESK_STATE_KEY],
			asOf: (this.getNodeParameter('asOf', 0, '') as string) || undefined,
			windowDays: this.getNodeParameter('zendeskWindowDays', 0, 120) as number,
			includeSatisfactionRatings: this.getNodeParameter('zendeskSatisfactionRatings', 0, true) as boolean,
			thresholds: this.getNodeParameter('thresholds', 0, {}) as IDataObject,
			timezone: this.getTimezone(),
			system: this.getNodeParameter('sourceSystem', 0, DEFAULT_SUPPORT_SYSTEM) as string,
		});
	} catch (error) {
		if (!this.continueOnFail()) throw nodeError(this.getNode(), error, 0);
		return [[{ json: { error: (error as Error).message }, pairedItem: { item: 0 } }]];
	}
	const unusable = unusableItemsOutput(this, run.unusable, {
		noun: 'Zendesk ticket',
		consequence: 'the cursor was not advanced',
		otherwise: 'get signals from the others',
	});
	const output: INodeExecutionData[] = run.detections.map(({ signal }) => ({ json: signal as unknown as IDataObject, pairedItem: { item: 0 } }));
	staticData[ZENDESK_STATE_KEY] = run.state as unknown as IDataObject;
	return [[...output, ...unusable]];
}
