/**
 * Rule firings → actions. All rules that lead one account to one playbook make ONE action: its `reasons` list
 * every rule with its explanation (most urgent first), the highest priority and the earliest due date win, and
 * the most urgent reason's owner role names the owner (through the fallback chain, never empty).
 * Status, openedAt and actionId are the ledger's to decide (engine/ledger/actions.ts).
 */
import {
	PRIORITY_RANK,
	SENIORITY_LEVELS,
	plural,
	type Action,
	type ActionContext,
	type ActionReason,
	type AccountIntelligence,
	type Decision,
	type Owner,
} from '../model';
import { resolveOwner } from './owners';

export interface ActionOptions {
	/** Playbook display names by id (the playbook catalogue's); an id without one is shown humanised. */
	playbookNames?: ReadonlyMap<string, string>;
	/** The configured default owner, the last link of the owner chain. */
	fallbackOwner?: Owner | null;
}

/** "executive_escalation" → "Executive escalation" (for a playbook no catalogue names). */
export function humanisePlaybookId(id: string): string {
	const words = id.replace(/_/g, ' ');
	return words.charAt(0).toUpperCase() + words.slice(1);
}

function personRef(contact: { name: string; title?: string } | undefined): ActionContext['champion'] {
	return contact ? { name: contact.name, title: contact.title ?? null } : null;
}

/** What the owner needs at hand: ARR at stake, health, risk, renewal, the champion and the decision maker. */
export function actionContext(intel: AccountIntelligence): ActionContext {
	const active = intel.account.contacts.filter((c) => c.status !== 'departed');
	const byEngagement = [...active].sort((a, b) => (b.lastEngagedAt ?? '').localeCompare(a.lastEngagedAt ?? ''));
	const champion = byEngagement.find((c) => c.isChampion);
	const seniority = (c: (typeof active)[number]) => (c.seniority ? SENIORITY_LEVELS.indexOf(c.seniority) : SENIORITY_LEVELS.length);
	const decisionMaker =
		byEngagement.find((c) => c.isExecSponsor) ??
		[...byEngagement].filter((c) => c.seniority && c.seniority !== 'individual').sort((a, b) => seniority(a) - seniority(b))[0];
	const opportunity = intel.facts.expansionOpportunityPctOfArr;
	return {
		arr: intel.account.arr,
		currency: intel.account.currency,
		segment: intel.segment,
		healthScore: intel.health.score,
		healthBand: intel.health.band,
		riskScore: intel.risk.score,
		expansionReadiness: intel.expansion.score,
		expansionOpportunityPctOfArr: typeof opportunity === 'number' ? opportunity : null,
		renewalDate: intel.renewal.renewalDate,
		daysToRenewal: intel.renewal.daysToRenewal,
		champion: personRef(champion),
		decisionMaker: personRef(decisionMaker),
		crm: intel.account.crm ? { system: intel.account.crm.system, id: intel.account.crm.id, url: intel.account.crm.url ?? null } : null,
	};
}

function reasonOf(decision: Decision): ActionReason {
	return {
		sentence: decision.explanation.sentence,
		priority: decision.priority,
		rule: decision.rule,
		family: decision.family,
		ownerRole: decision.owner.role,
		sla: decision.sla,
		dueAt: decision.dueAt,
		conditions: decision.explanation.conditions,
		signalIds: decision.signalIds,
	};
}

const dueMs = new Map<string, number>();
function msOf(iso: string): number {
	let ms = dueMs.get(iso);
	if (ms === undefined) {
		if (dueMs.size > 10_000) dueMs.clear();
		ms = Date.parse(iso);
		dueMs.set(iso, ms);
	}
	return ms;
}

/** Most urgent first: priority, then the earlier due date, then rule id (deterministic). */
function byUrgency(a: ActionReason, b: ActionReason): number {
	return PRIORITY_RANK[b.priority] - PRIORITY_RANK[a.priority] || msOf(a.dueAt) - msOf(b.dueAt) || a.rule.id.localeCompare(b.rule.id);
}

/**
 * One account's fired rules → its actions, one per playbook, most urgent first. The status fields are
 * placeholders (`new`, empty id) until the ledger policy runs.
 */
export function actionsFor(intel: AccountIntelligence, decisions: readonly Decision[], firedAt: string, options: ActionOptions = {}): Action[] {
	if (decisions.length === 0) return [];
	const byPlaybook = new Map<string, Decision[]>();
	for (const decision of decisions) {
		const list = byPlaybook.get(decision.playbook);
		if (list) list.push(decision);
		else byPlaybook.set(decision.playbook, [decision]);
	}
	const context = actionContext(intel);
	const actions: Action[] = [];
	for (const [playbookId, fired] of byPlaybook) {
		const reasons = fired.map(reasonOf).sort(byUrgency);
		const top = reasons[0];
		const dueAt = reasons.reduce((earliest, r) => (msOf(r.dueAt) < msOf(earliest) ? r.dueAt : earliest), top.dueAt);
		const owner = resolveOwner(top.ownerRole, intel.account.owners, options.fallbackOwner);
		const name = options.playbookNames?.get(playbookId) ?? humanisePlaybookId(playbookId);
		const evidence: Action['evidence'] = [];
		const cited = new Set<string>();
		for (const decision of fired)
			for (const e of decision.evidence)
				if (!cited.has(e.signalId)) {
					cited.add(e.signalId);
					evidence.push(e);
				}
		const more = reasons.length > 1 ? ` (and ${plural(reasons.length - 1, 'more reason')})` : '';
		actions.push({
			headline: `${intel.account.name} — ${name}: ${top.sentence}${more}`,
			priority: top.priority,
			ownerName: owner.person.name,
			dueAt,
			accountName: intel.account.name,
			playbook: { id: playbookId, name },
			family: top.family,
			status: 'new',
			statusReason: '',
			owner,
			reasons,
			evidence,
			context,
			digest: false,
			firedAt,
			openedAt: firedAt,
			actionId: '',
			accountId: intel.accountId,
			accountOwners: intel.account.owners,
		});
	}
	return actions.sort(byActionUrgency);
}

/** Actions most urgent first: priority, then the earlier due date, then account and playbook (deterministic). */
export function byActionUrgency(a: Action, b: Action): number {
	return (
		PRIORITY_RANK[b.priority] - PRIORITY_RANK[a.priority] ||
		msOf(a.dueAt) - msOf(b.dueAt) ||
		a.accountName.localeCompare(b.accountName) ||
		a.playbook.id.localeCompare(b.playbook.id)
	);
}
