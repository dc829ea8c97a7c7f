import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import type { SlackDetection, SlackDetectionOptions } from '../../engine/detect/slack';
import type { SlackRateTier } from '../../engine/sources/slack';
import { sweepSlack, sweepSlackItems } from '../../engine/sweeps';
import { listSetting, readAccountMapping } from '../shared/conversation';
import { readLanguageOptions } from '../shared/languageOptions';
import { sourceCredentials } from '../shared/credentialSecrets';
import { failureItem, nodeError } from '../shared/errors';
import { sourceContext } from '../shared/sourceRequest';
import { unusableItemsOutput } from '../shared/unusableItems';
import { slackFormTables, slackSignalsProperties } from './description';

const STATE_KEY = 'slackSweep';
const FORM = slackFormTables();
/** n8n's own Slack credentials; with OAuth2 the user token, as n8n's Slack node uses it. */
const CREDENTIALS = { accessToken: 'slackApi', oAuth2: 'slackOAuth2Api' } as const;
const SLACK_OAUTH2 = { tokenType: 'Bearer', property: 'authed_user.access_token' } as const;

export class CsSlackSignals implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CS Slack Signals',
		name: 'csSlackSignals',
		icon: { light: 'file:csSlackSignals.svg', dark: 'file:csSlackSignals.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["source"] === "slack" ? "Slack" : "From input items"}}',
		description: 'Find churn signals in shared Slack customer channels: negative tone, escalations, unanswered questions',
		defaults: { name: 'CS Slack Signals' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: CREDENTIALS.accessToken, required: true, displayOptions: { show: { source: ['slack'], authentication: ['accessToken'] } } },
			{ name: CREDENTIALS.oAuth2, required: true, displayOptions: { show: { source: ['slack'], authentication: ['oAuth2'] } } },
		],
		properties: slackSignalsProperties(),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const source = this.getNodeParameter('source', 0) as 'slack' | 'inputItems';
		let detection: SlackDetectionOptions;
		try {
			const language = readLanguageOptions(this);
			const hours = this.getNodeParameter('businessHours', 0, {}) as IDataObject;
			detection = {
				thresholds: this.getNodeParameter('thresholds', 0, {}) as IDataObject,
				lexicons: language.lexicons,
				redact: language.redact,
				snippetChars: language.snippetChars,
				businessHours: {
					...(typeof hours.startHour === 'number' ? { startHour: hours.startHour } : {}),
					...(typeof hours.endHour === 'number' ? { endHour: hours.endHour } : {}),
					...(listSetting(hours.holidays).length ? { holidays: listSetting(hours.holidays) } : {}),
				},
				asOf: (this.getNodeParameter('asOf', 0, '') as string) || undefined,
				timezone: this.getTimezone(),
			};
		} catch (error) {
			throw nodeError(this.getNode(), error, 0);
		}
		const mapping = readAccountMapping(this);
		if (source === 'slack') return executeSlack.call(this, mapping, detection);
		let result: ReturnType<typeof sweepSlackItems>;
		try {
			result = sweepSlackItems({
				items: items.map((item) => item.json),
				fieldMap: this.getNodeParameter('fieldMapping', 0, {}) as IDataObject,
				mapping,
				ourTeamId: (this.getNodeParameter('ourTeamId', 0, '') as string).trim() || undefined,
				detection,
			});
		} catch (error) {
			throw nodeError(this.getNode(), error);
		}
		const unusable = unusableItemsOutput(this, result.unusable, { noun: 'Slack message item', total: items.length, otherwise: 'get signals from the others' });
		return [[...signalItems(result.detections), ...unusable]];
	}
}

function signalItems(detections: readonly SlackDetection[], pairTo?: number): INodeExecutionData[] {
	return detections.map(({ signal, itemIndexes }) => ({
		json: signal as unknown as IDataObject,
		pairedItem: pairTo !== undefined ? { item: pairTo } : itemIndexes.length === 1 ? { item: itemIndexes[0] } : itemIndexes.map((item) => ({ item })),
	}));
}

/** Slack mode: one sweep over the mapped channels from their stored cursors; static data is written only when it succeeds. */
async function executeSlack(this: IExecuteFunctions, channels: ReturnType<typeof readAccountMapping>, detection: SlackDetectionOptions): Promise<INodeExecutionData[][]> {
	const staticData = this.getWorkflowStaticData('node');
	const connection = this.getNodeParameter('connection', 0, {}) as IDataObject;
	const authentication = this.getNodeParameter('authentication', 0, 'accessToken') as keyof typeof CREDENTIALS;
	const maxAttempts = typeof connection.maxAttempts === 'number' ? connection.maxAttempts : FORM.maxAttempts;
	const timeoutSeconds = typeof connection.requestTimeoutSeconds === 'number' ? connection.requestTimeoutSeconds : FORM.requestTimeoutSeconds;
	const { asOf, timezone, ...rest } = detection;
	let run: Awaited<ReturnType<typeof sweepSlack>>;
	let secrets: readonly string[] = [];
	try {
		if (channels.length === 0) throw new NodeOperationError(this.getNode(), 'Slack: no shared channel to read; add a Channel Mapping row (channel ID → account ID) for each customer channel');
		secrets = (await sourceCredentials(this, CREDENTIALS[authentication])).secrets;
		run = await sweepSlack({
			client: {
				...sourceContext(this, CREDENTIALS[authentication], { maxAttempts, timeoutSeconds, secrets, ...(authentication === 'oAuth2' ? { oauth2: SLACK_OAUTH2 } : {}) }),
				baseUrl: typeof connection.baseUrl === 'string' && connection.baseUrl.trim() ? connection.baseUrl.trim().replace(/\/+$/, '') : FORM.baseUrl,
				tier: this.getNodeParameter('rateTier', 0, 'tier3') as SlackRateTier,
				...(typeof connection.requestsPerMinute === 'number' ? { requestsPerMinute: connection.requestsPerMinute } : {}),
			},
			previous: staticData[STATE_KEY],
			asOf: asOf as string | undefined,
			timezone,
			windowDays: this.getNodeParameter('windowDays', 0, FORM.windowDays) as number,
			channels,
			detection: rest,
		});
	} catch (error) {
		if (!this.continueOnFail()) throw nodeError(this.getNode(), error, 0, secrets);
		return [[failureItem(error, secrets)]];
	}
	staticData[STATE_KEY] = run.state as unknown as IDataObject;
	return [signalItems(run.detections, 0)];
}
