import { z } from 'zod';
import shippedNegation from '../../../rules/lexicons/negation.json';
import type { Token } from './tokens';
import { words } from './tokens';

/**
 * How negation is read, as data (rules/lexicons/negation.json): which words negate, how far their scope reaches,
 * where a clause ends, which look-alikes are not negation ("not sure") and which trailing phrases dismiss what
 * came before ("cancelling isn't on the table").
 */
export const NegationConfigSchema = z
	.object({
		description: z.string().optional(),
		scopeTokens: z.number().int('must be a whole number of words').min(1, 'must be at least 1').max(12, 'must be at most 12'),
		negators: z.array(z.string().min(1, 'must not be empty')).min(1, 'must list at least one negator'),
		pseudoNegators: z.array(z.string().min(1, 'must not be empty')).default([]),
		clauseBreaks: z.array(z.string().min(1, 'must not be empty')).default([]),
		dismissals: z.array(z.string().min(1, 'must not be empty')).default([]),
	})
	.strict();
export type NegationConfigInput = z.input<typeof NegationConfigSchema>;

export interface NegationRules {
	scopeTokens: number;
	/** Single-word negators; "n't" stands for every word ending in n't (don't, isn't, won't). */
	negators: ReadonlySet<string>;
	/** Multi-word negators ("no longer") as word lists. */
	negatorPhrases: readonly string[][];
	pseudoNegators: readonly string[][];
	clauseBreaks: ReadonlySet<string>;
	dismissals: readonly string[][];
}

export function compileNegation(input: unknown = shippedNegation): NegationRules {
	const parsed = NegationConfigSchema.safeParse(input);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new Error(`Negation settings: ${issue.path.join('.') || 'the file'} ${issue.message}`);
	}
	const config = parsed.data;
	const single = config.negators.map(words).filter((w) => w.length === 1).map((w) => w[0]);
	return {
		scopeTokens: config.scopeTokens,
		negators: new Set(single),
		negatorPhrases: config.negators.map(words).filter((w) => w.length > 1),
		pseudoNegators: config.pseudoNegators.map(words),
		clauseBreaks: new Set(config.clauseBreaks.map((word) => word.toLowerCase())),
		dismissals: config.dismissals.map(words),
	};
}

export const SHIPPED_NEGATION: NegationRules = compileNegation();

function startsWith(tokens: readonly Token[], at: number, phrase: readonly string[]): boolean {
	if (at < 0 || at + phrase.length > tokens.length) return false;
	return phrase.every((word, i) => tokens[at + i].word === word);
}

/** Whether the word at `index` is a negator (and not the start of a pseudo-negator such as "not sure"). */
export function isNegatorAt(tokens: readonly Token[], index: number, rules: NegationRules = SHIPPED_NEGATION): boolean {
	const word = tokens[index].word;
	const single = rules.negators.has(word) || (rules.negators.has("n't") && word.endsWith("n't"));
	const phrase = !single && rules.negatorPhrases.some((p) => startsWith(tokens, index, p));
	if (!single && !phrase) return false;
	return !rules.pseudoNegators.some((pseudo) => startsWith(tokens, index, pseudo));
}

/**
 * Whether the words tokens[start..end) are negated: a negator within `scopeTokens` words before `start`
 * in the same clause, or a dismissal ("isn't on the table") right after `end`.
 * `clauseStart` is the first token of the clause (commas, semicolons and dashes end clauses; the caller splits on them).
 */
export function isNegated(tokens: readonly Token[], start: number, end: number, clauseStart = 0, rules: NegationRules = SHIPPED_NEGATION): boolean {
	for (let i = start - 1; i >= Math.max(clauseStart, start - rules.scopeTokens); i--) {
		if (rules.clauseBreaks.has(tokens[i].word)) break;
		if (isNegatorAt(tokens, i, rules)) return true;
	}
	return rules.dismissals.some((dismissal) => startsWith(tokens, end, dismissal));
}
