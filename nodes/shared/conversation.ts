/**
 * What CS Meeting, Email and Slack Signals share on their forms: the account mapping rows and the threshold
 * collection built from a detector's threshold table (the taxonomy's detection parameters through the threshold
 * specs); the language options are in languageOptions.ts. Only labels and help texts live here.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { thresholdDefaults, type ThresholdSpec } from '../../engine/detect/language';
import type { AccountMappingRow } from '../../engine/model';
import { byDisplayName } from './formOptions';

export function accountMappingProperty(fromLabel: string, fromHelp: string, displayOptions?: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'Account Mapping',
		name: 'accountMapping',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Mapping Row',
		default: {},
		description: 'Rows win over the accounts’ own domains (Account items on the input, e.g. from CS CRM Signals)',
		...(displayOptions ? { displayOptions } : {}),
		options: [
			{
				displayName: 'Row',
				name: 'rows',
				values: [
					{ displayName: fromLabel, name: 'from', type: 'string', noDataExpression: true, default: '', description: fromHelp },
					{ displayName: 'Account ID', name: 'accountId', type: 'string', noDataExpression: true, default: '' },
					{ displayName: 'Account Name', name: 'accountName', type: 'string', noDataExpression: true, default: '', description: 'The customer’s name in evidence (optional)' },
				],
			},
		],
	};
}

export function readAccountMapping(context: IExecuteFunctions): AccountMappingRow[] {
	const value = context.getNodeParameter('accountMapping', 0, {}) as { rows?: Array<{ from?: string; accountId?: string; accountName?: string }> };
	return (value.rows ?? [])
		.filter((row) => row.from?.trim() && row.accountId?.trim())
		.map((row) => ({ from: row.from!.trim(), accountId: row.accountId!.trim(), ...(row.accountName?.trim() ? { accountName: row.accountName.trim() } : {}) }));
}

/** A comma/line separated list setting ("vendor.io, vendor.com") as a list. */
export function listSetting(value: unknown): string[] {
	return typeof value === 'string' ? value.split(/[,;\n]/).map((v) => v.trim()).filter(Boolean) : [];
}

/** The thresholds collection of a detector: one number per threshold, its default from the engine's table. */
export function thresholdsProperty<K extends string>(specs: Readonly<Record<K, ThresholdSpec>>, labels: Readonly<Record<K, string>>): INodeProperties {
	const defaults = thresholdDefaults(specs);
	return {
		displayName: 'Detection Thresholds',
		name: 'thresholds',
		type: 'collection',
		placeholder: 'Override Threshold',
		description: "Defaults are the signal taxonomy's detection parameters (the seeds' numbers)",
		default: {},
		options: byDisplayName(
			(Object.keys(specs) as K[]).map((key) => ({
				displayName: labels[key],
				name: key,
				type: 'number' as const,
				noDataExpression: true,
				default: defaults[key],
				description: capitalise(specs[key].meaning),
			})),
		),
	};
}

function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}
