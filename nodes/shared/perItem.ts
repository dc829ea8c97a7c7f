import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { unusableItem } from '../../engine/model';
import { unusableItemsOutput } from './unusableItems';

/**
 * Run one engine call per input item: each result (none, one or several) comes out paired to its item. A failing
 * item fails the node with its message and item index — or, with "Continue On Fail", comes out as
 * `{ error }` paired to that item while the other items go on (unusableItemsOutput).
 */
export function perItem(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	handle: (json: IDataObject, index: number) => object | object[] | null,
): INodeExecutionData[] {
	const out: INodeExecutionData[] = [];
	for (let index = 0; index < items.length; index++) {
		try {
			const result = handle(items[index].json, index);
			const results = result === null ? [] : Array.isArray(result) ? result : [result];
			for (const json of results) out.push({ json: json as IDataObject, pairedItem: { item: index } });
		} catch (error) {
			out.push(...unusableItemsOutput(context, [unusableItem(error, index)], { noun: 'item', otherwise: 'process the others' }));
		}
	}
	return out;
}
