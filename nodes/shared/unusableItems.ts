import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { plural, type UnusableItem } from '../../engine/model';

export interface UnusableItemsOptions {
	/** What the items are, singular (and plural when not + "s"), for the error's description: "ticket item". */
	noun: string;
	nounPlural?: string;
	/** How many such items were read, when known ("2 of 19 ticket items …"). */
	total?: number;
	/** What did (not) happen because of them: "the cursor was not advanced". */
	consequence?: string;
	/** What "Continue On Fail" gives instead: "get signals from the others". */
	otherwise: string;
	/** The node input each item came in on (nodes with several inputs). */
	inputOf?: (item: UnusableItem) => number;
	/** More fields on each error item (CS Support Signals keeps `ticketIndex`). */
	fields?: (item: UnusableItem) => IDataObject;
}

/**
 * The one way a node reports the items the engine could not use. Without "Continue On Fail" the first one
 * fails the node — NodeOperationError with its itemIndex, "… (and N more)" when there are more; with it, each
 * becomes an `{ error }` item paired to the input item it came from (returned, for the node to add to its
 * output) while the good items still go through. Nothing is dropped silently.
 */
export function unusableItemsOutput(context: IExecuteFunctions, unusable: readonly UnusableItem[], options: UnusableItemsOptions): INodeExecutionData[] {
	if (unusable.length === 0) return [];
	if (!context.continueOnFail()) {
		const [first] = unusable;
		const more = unusable.length > 1 ? ` (and ${unusable.length - 1} more)` : '';
		const count =
			options.total === undefined ? plural(unusable.length, options.noun, options.nounPlural) : `${unusable.length} of ${plural(options.total, options.noun, options.nounPlural)}`;
		throw new NodeOperationError(context.getNode(), `${first.message}${more}`, {
			itemIndex: first.itemIndex,
			description: `${count} ${unusable.length === 1 ? 'is' : 'are'} not usable${options.consequence ? `; ${options.consequence}` : ''}; turn on "Continue On Fail" to ${options.otherwise}`,
		});
	}
	return unusable.map((item) => {
		const input = options.inputOf?.(item);
		return {
			json: { error: item.message, ...(options.fields?.(item) ?? {}) },
			pairedItem: input === undefined ? { item: item.itemIndex } : { item: item.itemIndex, input },
		};
	});
}
