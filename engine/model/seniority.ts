import type { Seniority } from './account';

/**
 * Job-title patterns per seniority level, checked in this order (first match wins). "Vice President"
 * is tested before plain "President"; "Managing Director" before "Director". Override by passing your own list.
 */
export const DEFAULT_SENIORITY_PATTERNS: Array<{ level: Seniority; pattern: string }> = [
	{ level: 'c_level', pattern: '\\b(chief|c[a-z]{1,2}o|founder|co-founder|managing director|general manager)\\b' },
	{ level: 'vp', pattern: '\\b(vp|svp|evp|avp|vice[- ]president|head of)\\b' },
	{ level: 'c_level', pattern: '\\b(president|owner|partner)\\b' },
	{ level: 'director', pattern: '\\b(director|dir\\.)\\b' },
	{ level: 'manager', pattern: '\\b(manager|mgr|lead|supervisor|principal)\\b' },
];

/** Seniority from a job title; undefined when there is no title; `individual` when no pattern matches. */
export function seniorityFromTitle(title: string | undefined, patterns = DEFAULT_SENIORITY_PATTERNS): Seniority | undefined {
	if (!title || title.trim() === '') return undefined;
	for (const { level, pattern } of patterns) {
		if (new RegExp(pattern, 'i').test(title)) return level;
	}
	return 'individual';
}

export const SENIORITY_LABELS: Record<Seniority, string> = {
	c_level: 'C-level',
	vp: 'VP',
	director: 'Director',
	manager: 'Manager',
	individual: 'individual contributor',
};
