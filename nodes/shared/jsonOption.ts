import type { IExecuteFunctions } from 'n8n-workflow';
import { parseJsonObject } from '../../engine/model';
import { nodeError } from './errors';

/**
 * A JSON-object parameter: parsed, or undefined when left at its "{}" default (an option added but not filled in
 * must not wipe the engine's defaults). Bad JSON fails the node naming the option.
 */
export function jsonOption(functions: IExecuteFunctions, value: unknown, label: string): Record<string, unknown> | undefined {
	try {
		const parsed = parseJsonObject(value, label);
		return parsed && Object.keys(parsed).length > 0 ? parsed : undefined;
	} catch (error) {
		throw nodeError(functions.getNode(), error, 0);
	}
}
