/**
 * What CS Meeting, Email and Slack Signals share on their forms: the account mapping rows, the language options
 * (competitors, lexicon overrides, quoted-snippet length and redaction) and the threshold collection built from a
 * detector's threshold table. The defaults are the engine's (DEFAULT_SNIPPET_CHARS, the taxonomy's detection
 * parameters through the threshold specs); only labels and help texts live here.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { DEFAULT_SNIPPET_CHARS, thresholdDefaults, type LexiconSettings, type ThresholdSpec } from '../../engine/detect/language';
import { parseJsonObject, type AccountMappingRow } from '../../engine/model';
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

/** The language options every conversation node offers. */
export function languageOptionsProperty(extra: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Language Options',
		name: 'language',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: byDisplayName([
			{
				displayName: 'Redact Quoted Snippets',
				name: 'redact',
				type: 'boolean',
				noDataExpression: true,
				default: false,
				description: 'Whether to mask names, e-mail addresses, phone numbers and numbers even inside the one quoted sentence a signal carries',
			},
			{
				displayName: 'Quoted Snippet Length',
				name: 'snippetChars',
				type: 'number',
				noDataExpression: true,
				default: DEFAULT_SNIPPET_CHARS,
				typeOptions: { minValue: 20 },
				description: 'The most characters of the triggering sentence a signal quotes (cut at a word, centred on the phrase)',
			},
			{
				displayName: 'Competitor Names',
				name: 'competitors',
				type: 'string',
				noDataExpression: true,
				default: '',
				placeholder: 'Northwind, Vantage',
				description: 'Comma-separated: each name becomes a competitor-mention phrase',
			},
			{
				displayName: 'Lexicon Overrides (JSON)',
				name: 'lexiconOverrides',
				type: 'json',
				noDataExpression: true,
				default: '{}',
				description: 'Add or remove phrases per lexicon without code, e.g. {"budget_pressure": {"add": ["cost review"], "remove": ["budget"]}} (see rules/lexicons/README.md)',
			},
			...extra,
		]),
	};
}

export interface LanguageSettings {
	redact: boolean;
	snippetChars: number;
	lexicons: LexiconSettings;
	options: IDataObject;
}

export function readLanguageOptions(context: IExecuteFunctions): LanguageSettings {
	const options = context.getNodeParameter('language', 0, {}) as IDataObject;
	const overrides = parseJsonObject(options.lexiconOverrides, 'Lexicon Overrides (JSON)');
	return {
		redact: options.redact === true,
		snippetChars: typeof options.snippetChars === 'number' ? options.snippetChars : DEFAULT_SNIPPET_CHARS,
		lexicons: {
			...(overrides && Object.keys(overrides).length > 0 ? { overrides } : {}),
			...(typeof options.competitors === 'string' && options.competitors.trim() ? { competitors: options.competitors } : {}),
		},
		options,
	};
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
