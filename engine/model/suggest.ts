/**
 * "Did you mean …?" for names a user typed: signal type ids, fact names, rule ids, categories.
 */

/** Levenshtein edit distance (insertions, deletions, substitutions each cost 1). */
export function editDistance(a: string, b: string): number {
	if (a === b) return 0;
	if (a.length === 0) return b.length;
	if (b.length === 0) return a.length;
	let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) {
			const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
			current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
		}
		previous = current;
	}
	return previous[b.length];
}

/**
 * The candidate closest to `input` (case-insensitive), or undefined when nothing is close enough to be a
 * plausible typo: the distance must be at most `maxDistance` (default: a third of the input's length, at least 2).
 * Ties go to the candidate listed first.
 */
export function closestName(input: string, candidates: Iterable<string>, maxDistance?: number): string | undefined {
	const needle = input.toLowerCase();
	const limit = maxDistance ?? Math.max(2, Math.floor(needle.length / 3));
	let best: string | undefined;
	let bestDistance = Infinity;
	for (const candidate of candidates) {
		const distance = editDistance(needle, candidate.toLowerCase());
		if (distance < bestDistance) {
			best = candidate;
			bestDistance = distance;
		}
	}
	return bestDistance <= limit ? best : undefined;
}

/** ` Did you mean "x"?` when a close candidate exists, else an empty string — append it to an error message. */
export function didYouMean(input: string, candidates: Iterable<string>, maxDistance?: number): string {
	const suggestion = closestName(input, candidates, maxDistance);
	return suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`;
}
