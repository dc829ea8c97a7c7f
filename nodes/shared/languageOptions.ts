/**
 * The language options of every node that reads what customers write (CS Meeting, Email, Slack and Support
 * Signals): competitor names, lexicon overrides, the quoted snippet's length and its redaction. The default length
 * is the engine's DEFAULT_SNIPPET_CHARS; only labels and help texts live here.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { DEFAULT_SNIPPET_CHARS, type LexiconSettings } from '../../engine/detect/language';
import { parseJsonObject } from '../../engine/model';
import { byDisplayName } from './formOptions';

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

