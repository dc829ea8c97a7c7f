import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';
import { listing, plural } from '../../engine/model';
import { SourceError } from '../../engine/sources/http';

/** "3 companies, 2 deals and 0 contacts" — what a source had read when it stopped. */
function describeRead(read: Readonly<Record<string, number>>): string {
	return listing(Object.entries(read).map(([what, count]) => `${count} ${what}`)) || 'nothing';
}

function sourceApiError(node: INode, error: SourceError, itemIndex: number | undefined): NodeApiError {
	const status = error.statusCode === undefined ? 'no HTTP response' : `HTTP ${error.statusCode}`;
	const apiError = new NodeApiError(node, { message: error.message, source: error.source, endpoint: error.endpoint, statusCode: error.statusCode ?? null, read: error.read } as JsonObject, {
		message: error.message,
		description: `${error.source} ${error.endpoint}: ${status} after ${plural(error.attempts, 'attempt')}; read before it stopped: ${describeRead(error.read)}`,
		...(error.statusCode === undefined ? {} : { httpCode: String(error.statusCode) }),
		...(itemIndex === undefined ? {} : { itemIndex }),
	});
	// n8n swaps messages that mention a network code (ECONNRESET …) for a generic sentence; the engine's names
	// the source, the endpoint, what was read and what happens next, so it stays the message.
	apiError.message = error.message;
	Object.assign(apiError.context, { source: error.source, endpoint: error.endpoint, attempts: error.attempts, read: { ...error.read } });
	return apiError;
}

/**
 * The one mapping from engine errors to n8n errors: a SourceError (a provider could not be read to the end)
 * becomes a NodeApiError carrying the HTTP status, the endpoint and what was read; anything else (a bad item,
 * a bad setting) a NodeOperationError — with `itemIndex` when it is about one item. The engine's sentence is
 * the message either way.
 */
export function nodeError(node: INode, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof SourceError) return sourceApiError(node, error, itemIndex);
	const cause = error instanceof Error ? error : new Error(String(error));
	return new NodeOperationError(node, cause, itemIndex === undefined ? {} : { itemIndex });
}
