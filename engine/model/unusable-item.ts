/**
 * An input item the engine could not use — the one shape every engine entry point reports them in
 * (aggregation, detection, sweeps, reports). The item is left out, never silently dropped, and the other
 * items still go through: a node fails with the first one (NodeOperationError with its itemIndex) or, with
 * "Continue On Fail", emits an `{ error }` item paired to it (nodes/shared/unusableItems.ts); the CLI lists them.
 */
export interface UnusableItem {
	/** The input item the problem is paired with: its index in its input. */
	itemIndex: number;
	/** The input it came in on, when a call reads several (CS Account Intelligence: "accounts" or "signals"). */
	input?: string;
	/** One sentence naming the item, the field, the value and the fix: `signal 2: observedAt "31/02/2026" is not an ISO-8601 date`. */
	message: string;
}

/** An error thrown while reading one item, as an UnusableItem. */
export function unusableItem(error: unknown, itemIndex: number, input?: string): UnusableItem {
	const message = error instanceof Error ? error.message : String(error);
	return input === undefined ? { itemIndex, message } : { itemIndex, input, message };
}
