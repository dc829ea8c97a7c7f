import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import type { MeetingDetection, MeetingDetectionOptions } from '../../engine/detect/meetings';
import { accountDirectory, type UnusableItem } from '../../engine/model';
import { gongBaseUrl } from '../../engine/sources/gong';
import { accountsFromItems, sweepGong, sweepMeetingItems } from '../../engine/sweeps';
import { listSetting, readAccountMapping } from '../shared/conversation';
import { readLanguageOptions } from '../shared/languageOptions';
import { sourceCredentials } from '../shared/credentialSecrets';
import { failureItem, nodeError } from '../shared/errors';
import { sourceContext } from '../shared/sourceRequest';
import { unusableItemsOutput } from '../shared/unusableItems';
import { meetingFormTables, meetingSignalsProperties } from './description';

const GONG_STATE_KEY = 'gongSweep';
const FORM = meetingFormTables();

export class CsMeetingSignals implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CS Meeting Signals',
		name: 'csMeetingSignals',
		icon: { light: 'file:csMeetingSignals.svg', dark: 'file:csMeetingSignals.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["source"] === "gong" ? "Gong" : "From input items"}}',
		description: 'Find churn and expansion signals in customer calls: sentiment trend, attendance, budget and competitor talk',
		defaults: { name: 'CS Meeting Signals' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'csGongApi', required: true, displayOptions: { show: { source: ['gong'] } } }],
		properties: meetingSignalsProperties(),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const source = this.getNodeParameter('source', 0) as 'gong' | 'inputItems';
		let detection: MeetingDetectionOptions;
		try {
			const language = readLanguageOptions(this);
			const vendor = this.getNodeParameter('vendor', 0, {}) as IDataObject;
			detection = {
				thresholds: this.getNodeParameter('thresholds', 0, {}) as IDataObject,
				lexicons: language.lexicons,
				redact: language.redact,
				snippetChars: language.snippetChars,
				unknownSpeakersAreCustomer: language.options.unknownSpeakersAreCustomer === true,
				...(typeof vendor.vendorName === 'string' && vendor.vendorName.trim() ? { vendorName: vendor.vendorName.trim() } : {}),
				...(listSetting(vendor.vendorDomains).length ? { vendorDomains: listSetting(vendor.vendorDomains) } : {}),
				asOf: (this.getNodeParameter('asOf', 0, '') as string) || undefined,
				timezone: this.getTimezone(),
			};
		} catch (error) {
			throw nodeError(this.getNode(), error, 0);
		}
		if (source === 'gong') return executeGong.call(this, items, detection);

		let result: ReturnType<typeof sweepMeetingItems>;
		try {
			result = sweepMeetingItems({
				items: items.map((item) => item.json),
				fieldMap: this.getNodeParameter('fieldMapping', 0, {}) as IDataObject,
				mapping: readAccountMapping(this),
				detection,
			});
		} catch (error) {
			throw nodeError(this.getNode(), error);
		}
		const unusable = unusableItemsOutput(this, result.unusable, { noun: 'meeting item', total: items.length, otherwise: 'get signals from the others' });
		return [[...signalItems(result.detections), ...unusable]];
	}
}

function signalItems(detections: readonly MeetingDetection[], pairTo?: number): INodeExecutionData[] {
	return detections.map(({ signal, itemIndexes }) => ({
		json: signal as unknown as IDataObject,
		pairedItem: pairTo !== undefined ? { item: pairTo } : itemIndexes.length === 1 ? { item: itemIndexes[0] } : itemIndexes.map((item) => ({ item })),
	}));
}

/** Gong mode: one sweep from the stored cursor; static data is written only when the run succeeds. */
async function executeGong(this: IExecuteFunctions, items: INodeExecutionData[], detection: MeetingDetectionOptions): Promise<INodeExecutionData[][]> {
	const staticData = this.getWorkflowStaticData('node');
	const accounts = accountsFromItems(items.map((item) => item.json));
	let run: Awaited<ReturnType<typeof sweepGong>>;
	let secrets: readonly string[] = [];
	try {
		const found = await sourceCredentials(this, 'csGongApi');
		secrets = found.secrets;
		const { asOf, timezone, ...rest } = detection;
		const transport = sourceContext(this, 'csGongApi', {
			maxAttempts: this.getNodeParameter('maxAttempts', 0, FORM.maxAttempts) as number,
			timeoutSeconds: this.getNodeParameter('requestTimeoutSeconds', 0, FORM.requestTimeoutSeconds) as number,
			secrets,
		});
		run = await sweepGong({
			client: { ...transport, baseUrl: gongBaseUrl(found.credentials) },
			previous: staticData[GONG_STATE_KEY],
			asOf: asOf as string | undefined,
			timezone,
			windowDays: this.getNodeParameter('gongWindowDays', 0, FORM.gongWindowDays) as number,
			transcripts: this.getNodeParameter('gongTranscripts', 0, true) as boolean,
			mapping: {
				directory: accountDirectory(accounts.accounts, readAccountMapping(this)),
				crmObjectType: this.getNodeParameter('gongCrmObjectType', 0, FORM.crmObjectType) as string,
				accountIdField: this.getNodeParameter('gongAccountIdField', 0, FORM.accountIdField) as string,
			},
			unmappedCalls: this.getNodeParameter('gongUnmappedCalls', 0, 'skip') as 'skip' | 'error',
			detection: rest,
		});
	} catch (error) {
		if (!this.continueOnFail()) throw nodeError(this.getNode(), error, 0, secrets);
		return [[failureItem(error, secrets)]];
	}
	const problems: UnusableItem[] = [...accounts.unusable, ...run.unusable];
	const unusable = unusableItemsOutput(this, problems, {
		noun: 'Gong call or account item',
		consequence: 'the cursor was not advanced',
		otherwise: 'get signals from the other calls',
	});
	staticData[GONG_STATE_KEY] = run.state as unknown as IDataObject;
	return [[...signalItems(run.detections, 0), ...unusable]];
}
