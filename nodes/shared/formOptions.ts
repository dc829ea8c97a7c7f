import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** Form options in the order the n8n editor lists them: alphabetically by what the user reads. */
export function byDisplayName(options: INodeProperties[]): INodeProperties[] {
	return [...options].sort((a, b) => a.displayName.localeCompare(b.displayName, 'en'));
}

/** Choices in alphabetical order of what the user reads. */
export function byName(options: INodePropertyOptions[]): INodePropertyOptions[] {
	return [...options].sort((a, b) => a.name.localeCompare(b.name, 'en'));
}

/**
 * The choices of an options parameter from an engine list of values and a label per value: the record type
 * makes a new engine value without a label a compile error, so the form can never offer less than the engine.
 */
export function choices<V extends string>(values: readonly V[], labels: Readonly<Record<V, { name: string; description?: string }>>): INodePropertyOptions[] {
	return values.map((value) => ({ name: labels[value].name, value, ...(labels[value].description ? { description: labels[value].description } : {}) }));
}

/**
 * A node subtitle (an n8n expression) that shows the label the form gives the chosen value of an options
 * parameter, e.g. "Executive Risk Brief" rather than "executive"; a value the table lacks shows as itself.
 */
export function optionSubtitle(parameter: string, options: readonly INodePropertyOptions[]): string {
	const labels = JSON.stringify(Object.fromEntries(options.map((option) => [String(option.value), option.name])));
	return `={{ (${labels})[$parameter["${parameter}"]] || $parameter["${parameter}"] }}`;
}
