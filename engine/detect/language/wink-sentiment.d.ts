/** wink-sentiment ships no types; this is the part we call. */
declare module 'wink-sentiment' {
	function sentiment(phrase: string): { score: number; normalizedScore: number };
	export = sentiment;
}
