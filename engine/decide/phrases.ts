/**
 * How each fact reads in an explanation sentence ("Risk score 8.2 is above 7.0 and renewal is in 87 days
 * (within 120)"). Presentation only; the facts themselves are defined in engine/model/facts.ts, and a test
 * fails when a catalogue fact has no phrase here.
 */
import { formatNumber, listing, type FactValue } from '../model';
import { findSignalType } from '../taxonomy';

type Kind = 'number' | 'days' | 'boolean' | 'text' | 'signals';

export interface FactPhrase {
	kind: Kind;
	/** Subject for numbers and text: "Risk score". */
	label?: string;
	unit?: string;
	/** Fixed decimals (risk score is shown as 7.0, 8.2). */
	decimals?: number;
	/** Days facts: the subject for a known value, e.g. n => `renewal is in ${n} days`. */
	days?: (n: string, negative: boolean) => string;
	/** Boolean facts: the state when true / false. */
	whenTrue?: string;
	whenFalse?: string;
	/** List facts: how one item reads when it is (not) in the list. */
	item?: (item: string, present: boolean) => string;
	/** When the value is null (unknown). */
	unknown?: string;
}

/** The taxonomy's short label for a signal type ("ticket burst"); an unknown id reads as itself. */
function signalLabel(type: string): string {
	return findSignalType(type)?.label ?? type;
}

/** "a ticket burst", "an NPS detractor", "a usage depth increase". */
function withArticle(noun: string): string {
	return /^(NPS|SLA|[aeio])/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

const num = (label: string, unit = '', decimals?: number): FactPhrase => ({ kind: 'number', label, unit, decimals });
const bool = (whenTrue: string, whenFalse: string): FactPhrase => ({ kind: 'boolean', whenTrue, whenFalse });
const text = (label: string): FactPhrase => ({ kind: 'text', label });

export const FACT_PHRASES: Readonly<Record<string, FactPhrase>> = {
	healthScore: num('health score'),
	healthBand: text('health band'),
	healthBandPrevious7d: text('health band a week ago'),
	healthDelta7d: num('health change over 7 days', ' points'),
	healthDelta30d: num('health change over 30 days', ' points'),
	healthDeltaPct30d: num('health change over 30 days', '%'),
	healthConfidence: text('health confidence'),
	healthMissingDimensions: num('health dimensions without data'),
	healthStaleInputs: num('stale health inputs'),
	usageScore: num('usage score'),
	relationshipScore: num('relationship score'),
	supportScore: num('support score'),
	commercialScore: num('commercial score'),
	outcomesScore: num('outcomes score'),
	riskScore: num('risk score', '', 1),
	riskWeight: num('risk weight', '', 1),
	opportunityWeight: num('opportunity weight', '', 1),
	expansionReadiness: num('expansion readiness'),
	expansionBand: text('expansion band'),
	signalDensity: num('signal density (distinct active signal types)'),
	signalVelocity: num('signal velocity (new value decisions in 30 days)'),
	signalVelocityChange: num('signal velocity change'),
	activeSignalTypes: { kind: 'signals', item: (type, present) => `${present ? withArticle(signalLabel(type)) : `no ${signalLabel(type)}`} signal is active` },
	riskDriverTypes: { kind: 'signals', item: (type, present) => `${withArticle(signalLabel(type))} is ${present ? '' : 'not '}among the top risk drivers` },
	healthMissingDimensionNames: { kind: 'signals', item: (dimension, present) => `the ${dimension} dimension ${present ? 'has no data' : 'has data'}` },
	expansionOpportunityPctOfArr: num('open expansion opportunity', '% of ARR'),
	expansionGuardrail: bool('expansion is held back until first value', 'no expansion guardrail applies'),
	activeRiskSignals: num('active risk signals'),
	stakeholderLevels: num('stakeholder levels engaged'),
	engagedContacts: num('engaged contacts'),
	singleThreaded: bool('the account is single-threaded', 'the account is not single-threaded'),
	championEngaged: bool('a champion was engaged in the last 30 days', 'no champion was engaged in the last 30 days'),
	execSponsorEngaged: bool('the executive sponsor was engaged in the last 90 days', 'the executive sponsor was not engaged in the last 90 days'),
	unmappedExecutives: num('unmapped executives'),
	championDeparted: bool('a champion has departed', 'no champion has departed'),
	championPromoted: bool('a champion was promoted', 'no champion was promoted'),
	seatUtilisation: num('seat utilisation', '%'),
	adoptionPlateauWeeks: num('usage flat for', ' weeks'),
	adoptionCeilingReached: bool('the adoption ceiling is reached', 'the adoption ceiling is not reached'),
	usageChangePct: num('usage change', '%'),
	wauChangePct: num('weekly active users change', '%'),
	supportVolumeChangePct: num('support volume change', '%'),
	sentimentTrend: num('sentiment trend', '', 2),
	npsScore: num('NPS score'),
	cancelSignal: bool('the customer signalled intent to cancel', 'no cancel intent was signalled'),
	arr: num('ARR'),
	segment: text('segment'),
	daysToRenewal: {
		kind: 'days',
		days: (n, negative) => (negative ? `renewal was ${n} days ago` : `renewal is in ${n} days`),
		unknown: 'the renewal date is unknown',
	},
	renewalStage: text('renewal stage'),
	forecastProbability: num('forecast probability', '', 2),
	expectedArr: num('expected ARR'),
	discountExpiresBeforeRenewal: bool('a discount expires before the renewal', 'no discount expires before the renewal'),
	daysToDiscountExpiry: {
		kind: 'days',
		days: (n, negative) => (negative ? `the discount expired ${n} days ago` : `the discount expires in ${n} days`),
		unknown: 'the discount expiry is unknown',
	},
	daysSinceLastContact: {
		kind: 'days',
		days: (n, negative) => (negative ? `the last contact is ${n} days in the future` : `the last two-way contact was ${n} days ago`),
		unknown: 'no two-way contact is on record',
	},
	daysSinceContractStart: {
		kind: 'days',
		days: (n, negative) => (negative ? `the contract starts in ${n} days` : `the contract started ${n} days ago`),
		unknown: 'the contract start is unknown',
	},
	kickoffDone: bool('the kickoff happened', 'the kickoff has not happened'),
	goLiveDone: bool('the customer is live', 'the customer is not live yet'),
	firstValueAchieved: bool('first value is achieved', 'first value is not achieved yet'),
	onboardingTimelinePct: num('onboarding time used', '% of the agreed timeline'),
};

/** Fixed decimals when the phrase asks for them (risk 7.0, 8.2), else at most one. */
function showNumber(value: number, decimals?: number): string {
	return decimals !== undefined ? value.toFixed(decimals) : formatNumber(value);
}

const NUMBER_PREDICATE: Record<string, [string, string]> = {
	greaterThan: ['is above', 'is not above'],
	greaterThanInclusive: ['is at least', 'is below'],
	lessThan: ['is below', 'is not below'],
	lessThanInclusive: ['is at most', 'is above'],
	equal: ['is', 'is not'],
	notEqual: ['is not', 'is'],
	in: ['is one of', 'is not one of'],
	notIn: ['is not one of', 'is one of'],
};
const DAYS_QUALIFIER: Record<string, [string, string]> = {
	greaterThan: ['more than', 'not more than'],
	greaterThanInclusive: ['at least', 'fewer than'],
	lessThan: ['under', 'not under'],
	lessThanInclusive: ['within', 'not within'],
	equal: ['exactly', 'not'],
	notEqual: ['not', 'exactly'],
	in: ['one of', 'not one of'],
	notIn: ['not one of', 'one of'],
};

export interface Phrase {
	/** "Risk score 8.2" / "renewal is in 87 days" / a full boolean statement. */
	subject: string;
	/** "is above 7.0" (inline) or "within 120" (in parentheses after the subject); empty for full statements. */
	predicate: string;
	style: 'inline' | 'paren' | 'statement';
}

/** A value with its unit; thresholds take the short unit ("120%", not "120% of the agreed timeline"). */
function show(value: unknown, phrase: FactPhrase, asThreshold = false): string {
	const unit = phrase.kind === 'number' ? (phrase.unit ?? '') : '';
	if (typeof value === 'number') return `${showNumber(value, phrase.decimals)}${asThreshold && unit.startsWith('%') ? '%' : unit}`;
	if (Array.isArray(value)) return value.map((v) => show(v, phrase, asThreshold)).join(', ');
	return String(value);
}

/** One condition as subject + predicate, describing what is true now (passed or not). */
export function phraseFor(fact: string, operator: string, actual: FactValue | undefined, threshold: unknown, passed: boolean): Phrase {
	const phrase = FACT_PHRASES[fact] ?? num(fact);
	if (actual === null || actual === undefined) {
		const label = phrase.label ?? fact;
		return { subject: phrase.unknown ?? `${label} is unknown`, predicate: '', style: 'statement' };
	}
	switch (phrase.kind) {
		case 'boolean':
			return { subject: actual === true ? phrase.whenTrue! : phrase.whenFalse!, predicate: '', style: 'statement' };
		case 'signals': {
			const present = operator === 'contains' ? passed : !passed;
			return { subject: phrase.item!(String(threshold), present), predicate: '', style: 'statement' };
		}
		case 'days': {
			const n = typeof actual === 'number' ? actual : Number(actual);
			const [yes, no] = DAYS_QUALIFIER[operator] ?? [operator, `not ${operator}`];
			return { subject: phrase.days!(formatNumber(Math.abs(n)), n < 0), predicate: `${passed ? yes : no} ${show(threshold, phrase, true)}`, style: 'paren' };
		}
		case 'text': {
			const [yes, no] = NUMBER_PREDICATE[operator] ?? [operator, `not ${operator}`];
			if (passed && (operator === 'equal' || operator === 'in')) return { subject: `${phrase.label} is ${show(actual, phrase)}`, predicate: '', style: 'statement' };
			if (operator === 'equal') return { subject: `${phrase.label} is ${show(actual, phrase)}`, predicate: `not ${show(threshold, phrase, true)}`, style: 'paren' };
			return { subject: `${phrase.label} ${show(actual, phrase)}`, predicate: `${passed ? yes : no} ${show(threshold, phrase, true)}`, style: 'inline' };
		}
		default: {
			const [yes, no] = NUMBER_PREDICATE[operator] ?? [operator, `not ${operator}`];
			return { subject: `${phrase.label} ${show(actual, phrase)}`, predicate: `${passed ? yes : no} ${show(threshold, phrase, true)}`, style: 'inline' };
		}
	}
}

/** One phrase as text. */
export function renderPhrase(phrase: Phrase): string {
	if (!phrase.predicate) return phrase.subject;
	return phrase.style === 'paren' ? `${phrase.subject} (${phrase.predicate})` : `${phrase.subject} ${phrase.predicate}`;
}

/** Phrases about the same subject merged: "Health score 45 is at least 40 and below 60", "renewal is in 75 days (more than 60, within 90)". */
export function renderPhrases(phrases: Phrase[]): string[] {
	const out: Array<{ subject: string; style: Phrase['style']; predicates: string[] }> = [];
	for (const phrase of phrases) {
		const same = out.find((entry) => entry.subject === phrase.subject && entry.style === phrase.style);
		if (same && phrase.predicate) same.predicates.push(phrase.predicate);
		else if (!same) out.push({ subject: phrase.subject, style: phrase.style, predicates: phrase.predicate ? [phrase.predicate] : [] });
	}
	return out.map((entry) => {
		if (entry.predicates.length === 0) return entry.subject;
		if (entry.style === 'paren') return `${entry.subject} (${entry.predicates.join(', ')})`;
		const [first, ...rest] = entry.predicates;
		return [`${entry.subject} ${first}`, ...rest.map((p) => p.replace(/^is /, ''))].join(' and ');
	});
}

/** "A, b and c": the list with the first letter capitalised. */
export function sentence(parts: string[]): string {
	const text = listing(parts);
	return text.charAt(0).toUpperCase() + text.slice(1);
}
