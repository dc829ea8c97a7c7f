import { NodeApiError, NodeOperationError, type IDataObject, type INode, type INodeExecutionData, type JsonObject } from 'n8n-workflow';
import { listing, plural } from '../../engine/model';
import { redactorFor, SourceError, type SecretRedactor } from '../../engine/sources/http';

/** "3 companies, 2 deals and 0 contacts" — what a source had read when it stopped. */
function describeRead(read: Readonly<Record<string, number>>): string {
	return listing(Object.entries(read).map(([what, count]) => `${count} ${what}`)) || 'nothing';
}

function sourceApiError(node: INode, error: SourceError, itemIndex: number | undefined, redactor: SecretRedactor): NodeApiError {
	const status = error.statusCode === undefined ? 'no HTTP response' : `HTTP ${error.statusCode}`;
	const message = redactor.text(error.message);
	const endpoint = redactor.text(error.endpoint);
	// Only our own sentence and numbers go into the error: never the provider's response, body or headers.
	const apiError = new NodeApiError(node, { message, source: error.source, endpoint, statusCode: error.statusCode ?? null, read: { ...error.read } } as JsonObject, {
		message,
		description: redactor.text(`${error.source} ${endpoint}: ${status} after ${plural(error.attempts, 'attempt')}; read before it stopped: ${describeRead(error.read)}`),
		...(error.statusCode === undefined ? {} : { httpCode: String(error.statusCode) }),
		...(itemIndex === undefined ? {} : { itemIndex }),
	});
	// n8n swaps messages that mention a network code (ECONNRESET …) for a generic sentence; the engine's names
	// the source, the endpoint, what was read and what happens next, so it stays the message.
	apiError.message = message;
	apiError.messages = apiError.messages.map((text) => redactor.text(text));
	Object.assign(apiError.context, { source: error.source, endpoint, attempts: error.attempts, read: { ...error.read } });
	return apiError;
}

/** An n8n error with every text it carries cleaned of the secrets (message, description, messages, context, cause). */
function scrubbed<T extends NodeApiError | NodeOperationError>(error: T, redactor: SecretRedactor): T {
	if (!redactor.active) return error;
	error.message = redactor.text(error.message);
	if (typeof error.description === 'string') error.description = redactor.text(error.description);
	error.messages = (error.messages ?? []).map((text) => redactor.text(text));
	if (error.context) Object.assign(error.context, redactor.deep({ ...error.context }));
	const cause = (error as { cause?: unknown }).cause;
	if (cause instanceof Error) cause.message = redactor.text(cause.message);
	const errorResponse = (error as { errorResponse?: unknown }).errorResponse;
	if (errorResponse && typeof errorResponse === 'object') (error as { errorResponse?: unknown }).errorResponse = redactor.deep(errorResponse);
	if (typeof error.stack === 'string') error.stack = redactor.text(error.stack);
	return error;
}

/**
 * The one mapping from engine errors to n8n errors: a SourceError (a provider could not be read to the end)
 * becomes a NodeApiError carrying the HTTP status, the endpoint and what was read; anything else (a bad item,
 * a bad setting) a NodeOperationError — with `itemIndex` when it is about one item. The engine's sentence is
 * the message either way. `secrets` (credentialSecrets) are removed in every form from everything it carries.
 */
export function nodeError(node: INode, error: unknown, itemIndex?: number, secrets?: readonly string[]): NodeApiError | NodeOperationError {
	const redactor = redactorFor(secrets);
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return scrubbed(error, redactor);
	if (error instanceof SourceError) return sourceApiError(node, error, itemIndex, redactor);
	const cause = error instanceof Error ? error : new Error(String(error));
	if (redactor.active) cause.message = redactor.text(cause.message);
	return scrubbed(new NodeOperationError(node, cause, itemIndex === undefined ? {} : { itemIndex }), redactor);
}

/** The error's sentence with the secrets removed (what a "Continue On Fail" item says). */
export function failureMessage(error: unknown, secrets?: readonly string[]): string {
	return redactorFor(secrets).text(error instanceof Error ? error.message : String(error));
}

/** The item a source node emits instead of failing when "Continue On Fail" is on: the error, secrets removed. */
export function failureItem(error: unknown, secrets?: readonly string[], fields: IDataObject = {}): INodeExecutionData {
	return { json: { error: failureMessage(error, secrets), ...fields }, pairedItem: { item: 0 } };
}
