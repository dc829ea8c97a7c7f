/**
 * The per-owner daily digest: one queue a person works from — each owner's open actions ranked by priority, ARR
 * at stake and due date — as a Slack DM (Block Kit + fallback text) and markdown. Sent once per owner per day
 * (the ledger remembers), so a second sweep the same day sends none.
 */
import { formatAmount, plural, PRIORITIES, PRIORITY_RANK, requireIsoDate, type Action, type Owner, type Priority } from '../../model';
import { claimDelivery, ownerKey, type LedgerPort } from '../../ledger';
import { escapeMarkdown, escapeSlack, truncateEscaped } from '../render/escape';
import { formatDate, formatMoney } from '../render/format';
import { SLACK_LIMITS, fitBlocks, mrkdwn, packLines, plain, type SlackBlock, type SlackMessage } from '../render/slack';
import { PRIORITY_MARKERS } from '../briefs/slack-alert';

/** Which actions make up an owner's queue: the open ones (just told, escalated, or told before and still open). */
export const QUEUE_STATUSES: readonly Action['status'][] = ['new', 'escalated', 'open'];

export interface DigestEntry {
	rank: number;
	headline: string;
	priority: Priority;
	dueAt: string;
	accountName: string;
	playbook: string;
	status: Action['status'];
	arr: number;
	currency: string;
	actionId: string;
	accountId: string;
}

export interface OwnerDigest {
	/** "Maya Chen: 4 open actions (1 P1), €150,000 ARR at stake". */
	headline: string;
	ownerName: string;
	/** The calendar day of the sweep (YYYY-MM-DD, in the as-of's zone). */
	day: string;
	/** Where the DM goes; null when the owner has no Slack user id (post it to a channel instead). */
	slackUserId: string | null;
	owner: Owner;
	actions: DigestEntry[];
	/** ARR of the accounts in the queue, per currency (never converted). */
	arrAtStake: Array<{ currency: string; arr: number }>;
	slack: SlackMessage;
	markdown: string;
}

/** Ranked: priority, then ARR at stake (larger first), then due date, then account. */
export function byQueueOrder(a: Action, b: Action): number {
	return (
		PRIORITY_RANK[b.priority] - PRIORITY_RANK[a.priority] ||
		b.context.arr - a.context.arr ||
		Date.parse(a.dueAt) - Date.parse(b.dueAt) ||
		a.accountName.localeCompare(b.accountName) ||
		a.playbook.id.localeCompare(b.playbook.id)
	);
}

function arrAtStake(actions: readonly Action[]): Array<{ currency: string; arr: number }> {
	const byAccount = new Map<string, { currency: string; arr: number }>();
	for (const a of actions) byAccount.set(a.accountId, { currency: a.context.currency, arr: a.context.arr });
	const byCurrency = new Map<string, number>();
	for (const { currency, arr } of byAccount.values()) byCurrency.set(currency, (byCurrency.get(currency) ?? 0) + arr);
	return [...byCurrency.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])).map(([currency, arr]) => ({ currency, arr }));
}

function priorityCounts(actions: readonly Action[]): string {
	return PRIORITIES.map((p) => [p, actions.filter((a) => a.priority === p).length] as const)
		.filter(([, n]) => n > 0)
		.map(([p, n]) => `${n} ${p}`)
		.join(', ');
}

/** One owner's queue as a digest (no ledger involved). */
export function ownerDigest(owner: Owner, actions: readonly Action[], day: string): OwnerDigest {
	const ranked = [...actions].sort(byQueueOrder);
	const stake = arrAtStake(ranked);
	const money = stake.map((s) => formatMoney(s.arr, s.currency)).join(' + ') || formatAmount(0, ranked[0]?.context.currency ?? 'EUR');
	const headline = `${owner.name}: ${plural(ranked.length, 'open action')} (${priorityCounts(ranked)}), ${money} ARR at stake`;
	const entries: DigestEntry[] = ranked.map((a, i) => ({
		rank: i + 1,
		headline: a.headline,
		priority: a.priority,
		dueAt: a.dueAt,
		accountName: a.accountName,
		playbook: a.playbook.name,
		status: a.status,
		arr: a.context.arr,
		currency: a.context.currency,
		actionId: a.actionId,
		accountId: a.accountId,
	}));
	const line = (a: Action, i: number) =>
		`${i + 1}. ${PRIORITY_MARKERS[a.priority]} *${a.priority}* ${escapeSlack(`${a.accountName} — ${a.playbook.name}`)} · due ${escapeSlack(formatDate(a.dueAt))} · ${escapeSlack(formatMoney(a.context.arr, a.context.currency))} ARR${a.status === 'open' ? '' : ` · _${a.status}_`}\n      ${escapeSlack(a.reasons[0].sentence)}`;
	const blocks: SlackBlock[] = [
		{ type: 'header', text: plain(`Your CS queue · ${day}`, SLACK_LIMITS.headerText) },
		{ type: 'section', text: mrkdwn(`*${escapeSlack(plural(ranked.length, 'open action'))}* (${escapeSlack(priorityCounts(ranked))}) · *ARR at stake:* ${escapeSlack(money)}`) },
		...packLines(null, ranked.map(line)),
	];
	const text = truncateEscaped(
		escapeSlack(`Your CS queue for ${day}: ${plural(ranked.length, 'open action')} (${priorityCounts(ranked)}), ${money} ARR at stake. `) +
			ranked.map((a, i) => escapeSlack(`${i + 1}. ${a.priority} ${a.accountName} — ${a.playbook.name}, due ${formatDate(a.dueAt)}.`)).join(' '),
		SLACK_LIMITS.fallbackText,
	);
	const markdown = [
		`# ${escapeMarkdown(`Your CS queue · ${day}`)}`,
		'',
		escapeMarkdown(headline),
		'',
		...ranked.map((a, i) => `${i + 1}. **${a.priority}** ${escapeMarkdown(`${a.accountName} — ${a.playbook.name}`)} · due ${formatDate(a.dueAt)} · ${escapeMarkdown(formatMoney(a.context.arr, a.context.currency))} ARR — ${escapeMarkdown(a.reasons[0].sentence)}`),
		'',
	].join('\n');
	return {
		headline,
		ownerName: owner.name,
		day,
		slackUserId: owner.slackUserId ?? null,
		owner,
		actions: entries,
		arrAtStake: stake,
		slack: { text, blocks: fitBlocks(blocks, null) },
		markdown,
	};
}

/**
 * Every owner's digest for the sweep's day, from the sweep's actions; with a ledger, only the owners whose digest
 * was not sent yet that day (and it is recorded as sent). Owners in the order of their most urgent action.
 */
export function ownerDigests(
	actions: ReadonlyArray<{ action: Action; itemIndex: number }>,
	ledger?: LedgerPort,
): Array<{ digest: OwnerDigest; itemIndexes: number[] }> {
	const queue = actions.filter(({ action }) => QUEUE_STATUSES.includes(action.status));
	if (queue.length === 0) return [];
	const at = queue[0].action.firedAt;
	const day = requireIsoDate(at).toISODate()!;
	const byOwner = new Map<string, { owner: Owner; actions: Action[]; itemIndexes: Set<number> }>();
	for (const { action, itemIndex } of [...queue].sort((a, b) => byQueueOrder(a.action, b.action))) {
		const key = ownerKey(action.owner.person);
		const group = byOwner.get(key) ?? { owner: action.owner.person, actions: [], itemIndexes: new Set<number>() };
		group.actions.push(action);
		group.itemIndexes.add(itemIndex);
		byOwner.set(key, group);
	}
	const out: Array<{ digest: OwnerDigest; itemIndexes: number[] }> = [];
	for (const [key, group] of byOwner) {
		if (ledger && !claimDelivery(ledger, 'digest', key, day, at)) continue;
		out.push({ digest: ownerDigest(group.owner, group.actions, day), itemIndexes: [...group.itemIndexes].sort((a, b) => a - b) });
	}
	return out;
}
