/**
 * The guard every paging loop goes through: a provider that hands back any cursor it gave before (A → B → A,
 * not only the last one) or pages on beyond a cap is an error, never a silent stop and never an endless loop.
 * A listing that stops on such an error is incomplete, so the sweep around it stores no new cursor.
 */

/** Most pages one listing follows (100 records a page: a million records) before it fails as endless. */
export const DEFAULT_MAX_PAGES = 10_000;

/** Cursors are provider text: shown shortened in messages. */
export function showCursor(cursor: string): string {
	return cursor.length > 60 ? `${cursor.slice(0, 57)}...` : cursor;
}

export class PagingGuard {
	private readonly seen = new Map<string, number>();

	private pages = 0;

	readonly maxPages: number;

	/** @param startCursor the cursor the listing starts from (a stored one): handed back, it is a cycle too. */
	constructor(maxPages: number | undefined = DEFAULT_MAX_PAGES, startCursor?: string) {
		this.maxPages = typeof maxPages === 'number' && Number.isInteger(maxPages) && maxPages > 0 ? maxPages : DEFAULT_MAX_PAGES;
		if (startCursor) this.seen.set(startCursor, 0);
	}

	/**
	 * Record that a page was read and that it points on to `next`. Returns why paging must stop as an error —
	 * `returned the cursor "B" again (first given after page 1)` or `has more than 10,000 pages` — or null to go on.
	 */
	follow(next: string): string | null {
		this.pages += 1;
		const first = this.seen.get(next);
		if (first !== undefined) {
			const where = first === 0 ? 'the cursor this listing started from' : `first given after page ${first}`;
			return `returned the cursor "${showCursor(next)}" again after page ${this.pages} (${where}): the provider is paging in a cycle`;
		}
		if (this.pages >= this.maxPages) return `has more than ${this.maxPages.toLocaleString('en-US')} pages (the page cap): the provider is paging without end, or raise the cap`;
		this.seen.set(next, this.pages);
		return null;
	}
}
