/** `sentiment` ships no types; this is the part we call. */
declare module 'sentiment' {
	class Sentiment {
		analyze(phrase: string): { score: number; comparative: number };
	}
	export = Sentiment;
}
