/**
 * How numbers, amounts and counts read in the sentences people get (evidence, explanations, briefs, errors):
 * one home, so "146.5 hours", "72,000 EUR" and "1 ticket / 2 tickets" read the same in every layer.
 * Deterministic (no locale data): the same input gives the same text on every machine.
 */

/** At most `maxDecimals` decimals, trailing zeros dropped: 7 → "7", 7.25 → "7.3", 146.5 → "146.5", −0.04 → "0". */
export function formatNumber(value: number, maxDecimals = 1): string {
	return String(Number(value.toFixed(maxDecimals)));
}

/** "72000" → "72,000", "-1234567.5" → "-1,234,567.5": thousands separators on a formatted number. */
export function groupThousands(formatted: string): string {
	const [integer, fraction] = formatted.split('.');
	const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** An amount in a sentence: "72,000 EUR" (whole units by default; `maxDecimals` 2 keeps cents: "1,234.5 USD"). */
export function formatAmount(amount: number, currency: string, maxDecimals = 0): string {
	return `${groupThousands(formatNumber(amount, maxDecimals))} ${currency}`;
}

/** "a", "a and b", "a, b and c". */
export function listing(items: readonly string[]): string {
	if (items.length <= 1) return items.join('');
	return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "1 ticket", "2 tickets", "0 companies" (give `many` when it is not `one` + "s"). */
export function plural(count: number, one: string, many = `${one}s`): string {
	return `${count} ${count === 1 ? one : many}`;
}

/** A count that can run into the millions, grouped: "1 line", "1,000,000 lines" (usage rows, export lines). */
export function pluralCount(count: number, one: string, many = `${one}s`): string {
	return `${groupThousands(String(count))} ${count === 1 ? one : many}`;
}
