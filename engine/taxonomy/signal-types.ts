import type { SignalTypeDefinition } from './types';

/**
 * The signal taxonomy as data: 64 signal types across the eight source categories.
 *
 * Detection parameters come from the seed documents wherever the seeds give a number:
 *   - WAU drops >30% week over week (cs-operations, event-based playbooks)
 *   - support escalation = Sev-1 OR 3+ tickets in 7 days (same)
 *   - NPS detractor = score < 6 (same)
 *   - usage <20% by day 60 of onboarding (onboarding automation triggers)
 *   - usage >80% of plan limits / seat utilisation (expansion signals)
 *   - usage flat for 60+ days post-onboarding = adoption plateau (save plays)
 *   - product usage drops 30% over two months (adoption decline, the CS Signal OS framework page)
 *   - a key integration stopped firing; usage in a module dropped 40% in 30 days (the "signals" essay)
 *   - login frequency is part of the usage score (cs-strategist health model; no threshold given)
 *   - product usage below baseline for 30+ days; email response time degrading over 60 days;
 *     support volume +40% (the CS Signal OS framework page)
 *   - champion stops attending QBRs, emails get shorter, response time doubles (same)
 *   - CSAT "satisfied" = 4–5 on a 5-point scale (cs-strategist metrics)
 *   - discounts flagged by the T-120 renewal workflow (renewal discount governance)
 * Where the seeds give no number, the default is a conservative one a CSM would recognise, stated in
 * the comment next to it. Units are in the parameter name: `…Days`, `…Hours`, `…Pct` (percent, 0–100),
 * `…Score` (on the scale the comment names), `min…`/`max…` are inclusive bounds.
 *
 * Half-lives (weight = severity × 0.5^(age / halfLifeDays)) follow how long the thing a signal reports
 * stays true and keeps mattering to the renewal, not how loud it was:
 *   - 14 days — acute support events (Sev-1, a burst of tickets, escalation language): once fixed and
 *     acknowledged they fade fast; if the pain persists the detector fires again.
 *   - 21 days — short-cycle behaviour (WAU drop, Slack volume, thread silence, SLA breach): a weekly
 *     metric that recovers or re-fires within a few weeks.
 *   - 30 days — monthly trends and conversation tone (sentiment, response time, usage vs baseline),
 *     and market headlines, which are news for about a month.
 *   - 45–60 days — commercial and stakeholder facts that persist through a quarter (budget language,
 *     competitor mentions, single-threading, discount expiry, new stakeholders, funding, layoffs).
 *   - 90 days — structural changes that shape the next renewal (sponsor or champion departed,
 *     contraction, NPS responses which are surveyed quarterly, an acquisition).
 */
/**
 * "Usage flat for 60+ days post-onboarding" (save plays): one number for every part that means it —
 * the plateau detector here, and later the adoption ceiling (aggregate) and the decision rule (rules/health.json).
 */
export const ADOPTION_PLATEAU_FLAT_DAYS = 60;

export const SIGNAL_TYPE_DEFINITIONS: readonly SignalTypeDefinition[] = [
	// ── meetings ────────────────────────────────────────────────────────────────────────────────
	{
		id: 'meetings.sentiment_decline',
		label: 'meeting sentiment decline',
		category: 'meetings',
		polarity: 'risk',
		defaultSeverity: 6,
		halfLifeDays: 30,
		dimension: 'relationship',
		description: 'Customer sentiment on calls has fallen across consecutive meetings.',
		// sentiment scored -1 (negative) … +1 (positive) per call; fires when each of the last
		// `consecutiveCalls` calls scores lower than the one before and the total fall is ≥ minScoreDrop.
		detection: { consecutiveCalls: 3, minScoreDrop: 0.2 },
	},
	{
		id: 'meetings.exec_absence',
		label: 'executive absence from meetings',
		category: 'meetings',
		polarity: 'risk',
		defaultSeverity: 5,
		halfLifeDays: 30,
		dimension: 'relationship',
		description: 'The executive sponsor or champion stopped attending the meetings they used to join (QBRs, check-ins).',
		// invited-but-absent in `missedMeetings` consecutive meetings within the last `windowDays` days, or meetings
		// attended in the last `windowDays` days down by ≥ participationDropPct percent on the `windowDays` before
		// (the seeds' "executive champion reduced meeting participation by 60% over 90 days").
		detection: { missedMeetings: 2, windowDays: 90, participationDropPct: 60 },
	},
	{
		id: 'meetings.budget_language',
		label: 'budget or cost-justification language',
		category: 'meetings',
		polarity: 'risk',
		defaultSeverity: 6,
		halfLifeDays: 45,
		dimension: 'commercial',
		description: 'The customer asked cost-justification questions or talked about budget cuts: language shifting from ROI to expense.',
		// budget / cost-justification phrases in calls within `windowDays` days.
		detection: { minMentions: 1, windowDays: 30 },
	},
	{
		id: 'meetings.competitor_mention',
		label: 'competitor mention',
		category: 'meetings',
		polarity: 'risk',
		defaultSeverity: 6,
		halfLifeDays: 45,
		dimension: 'commercial',
		description: 'A competitor was named on a call (evaluation, comparison or pricing pressure).',
		detection: { minMentions: 1, windowDays: 30 },
	},
	{
		id: 'meetings.new_use_case',
		label: 'new use case',
		category: 'meetings',
		polarity: 'opportunity',
		defaultSeverity: 5,
		halfLifeDays: 60,
		dimension: 'outcomes',
		description: 'The customer described a new team, workflow or use case they want to run on the product.',
		detection: { minMentions: 1, windowDays: 30 },
		valueDecision: true,
	},
	{
		id: 'meetings.champion_positive',
		label: 'positive champion sentiment',
		category: 'meetings',
		polarity: 'opportunity',
		defaultSeverity: 4,
		halfLifeDays: 30,
		dimension: 'relationship',
		description: 'The champion spoke positively about results or the partnership on a call.',
		// champion's own sentiment on the call, -1 … +1.
		detection: { minSentimentScore: 0.5 },
	},
	{
		id: 'meetings.cadence_drop',
		label: 'meeting cadence drop',
		category: 'meetings',
		polarity: 'risk',
		defaultSeverity: 5,
		halfLifeDays: 30,
		dimension: 'relationship',
		description: 'Meetings with the account have become much less frequent than their usual rhythm.',
		// meetings held in the last `windowDays` days vs the `windowDays` before: down by ≥ dropPct percent.
		detection: { dropPct: 50, windowDays: 90 },
	},
	{
		id: 'meetings.new_stakeholder',
		label: 'new stakeholder in meetings',
		category: 'meetings',
		polarity: 'opportunity',
		defaultSeverity: 4,
		halfLifeDays: 60,
		dimension: 'relationship',
		description: 'Someone from the customer joined a call for the first time: stakeholder pull, or a new decision-maker to map.',
		// a customer-side attendee not seen in the account's meetings of the `lookbackDays` days before, attending
		// within the last `windowDays` days (only once the account has meeting history to compare with).
		detection: { windowDays: 30, lookbackDays: 180 },
		valueDecision: true,
	},

	// ── email ───────────────────────────────────────────────────────────────────────────────────
	{
		id: 'email.response_time_degrading',
		label: 'slowing email response',
		category: 'email',
		polarity: 'risk',
		defaultSeverity: 5,
		halfLifeDays: 30,
		dimension: 'relationship',
		description: 'The customer takes markedly longer to answer emails than they used to.',
		// median reply time trend over `windowDays` days: up by ≥ increasePct percent (100 = doubled, as the seeds put it).
		detection: { windowDays: 60, increasePct: 100, minReplies: 4 },
	},
	{
		id: 'email.thread_silence',
		label: 'email thread silence',
		category: 'email',
		polarity: 'risk',
		defaultSeverity: 6,
		halfLifeDays: 21,
		dimension: 'relationship',
		description: 'An account that used to answer has gone quiet: no customer reply for weeks.',
		// no inbound email from the account for ≥ silentDays days while we kept writing.
		detection: { silentDays: 21 },
	},
	{
		id: 'email.shorter_replies',
		label: 'shorter replies',
		category: 'email',
		polarity: 'risk',
		defaultSeverity: 3,
		halfLifeDays: 30,
		dimension: 'relationship',
		description: "The customer's replies have become noticeably shorter and more curt.",
		// average reply length (words) over the last `windowDays` days vs the `windowDays` before: down by ≥ dropPct percent.
		detection: { dropPct: 40, windowDays: 60, minReplies: 4 },
	},
	{
		id: 'email.exec_engagement_drop',
		label: 'executive email engagement drop',
		category: 'email',
		polarity: 'risk',
		defaultSeverity: 6,
		halfLifeDays: 45,
		dimension: 'relationship',
		description: 'Executives at the account write, reply or open far less than before.',
		// executive-sent or executive-answered emails, last `windowDays` days vs the `windowDays` before.
		detection: { dropPct: 50, windowDays: 60 },
	},
	{
		id: 'email.new_stakeholder',
		label: 'new stakeholder on email',
		category: 'email',
		polarity: 'opportunity',
		defaultSeverity: 4,
		halfLifeDays: 60,
		dimension: 'relationship',
		description: 'Someone new at the account has joined the conversation: a wider relationship.',
		// a contact never seen before sends ≥ minMessages emails within `windowDays` days.
		detection: { minMessages: 2, windowDays: 30 },
		valueDecision: true,
	},
	{
		id: 'email.budget_language',
		label: 'budget language in email',
		category: 'email',
		polarity: 'risk',
		defaultSeverity: 6,
		halfLifeDays: 45,
		dimension: 'commercial',
		description: 'A customer e-mail asks cost-justification questions or talks about budget cuts.',
		detection: { minMentions: 1, windowDays: 30 },
	},
	{
		id: 'email.sentiment_shift',
		label: 'email sentiment shift',
		category: 'email',
		polarity: 'risk',
		defaultSeverity: 5,
		halfLifeDays: 30,
		dimension: 'relationship',
		description: "The tone of the customer's e-mails has turned markedly more negative than it was.",
		// mean sentiment (-1 … +1) of customer e-mails in the last `windowDays` days vs the `windowDays` before:
		// down by ≥ minScoreDrop, with at least `minMessages` scored e-mails in each window.
		detection: { windowDays: 30, minScoreDrop: 0.3, minMessages: 3 },
	},

	// ── slack ───────────────────────────────────────────────────────────────────────────────────
	{
		id: 'slack.volume_drop',
		label: 'shared-channel activity drop',
		category: 'slack',
		polarity: 'risk',
		defaultSeverity: 4,
		halfLifeDays: 21,
		dimension: 'relationship',
		description: 'The shared Slack channel has gone much quieter than usual.',
		// customer messages in the last `windowDays` days vs the prior `baselineDays` days' average per window.
		detection: { dropPct: 50, windowDays: 14, baselineDays: 56 },
	},
	{
		id: 'slack.negative_sentiment',
		label: 'negative Slack sentiment',
		category: 'slack',
		polarity: 'risk',
		defaultSeverity: 5,
		halfLifeDays: 14,
		dimension: 'relationship',
		description: 'Customer messages in the shared channel have turned negative.',
		// average sentiment (-1 … +1) of at least `minMessages` customer messages in `windowDays` days ≤ maxSentimentScore.
		detection: { maxSentimentScore: -0.3, minMessages: 3, windowDays: 7 },
	},
	{
		id: 'slack.escalation_language',
		label: 'Slack escalation language',
		category: 'slack',
		polarity: 'risk',
		defaultSeverity: 7,
		halfLifeDays: 14,
		dimension: 'support',
		description: 'Someone asked to escalate, mentioned urgency or pulled in management in the shared channel.',
		detection: { minMentions: 1, windowDays: 7 },
	},
	{
		id: 'slack.new_members',
		label: 'new shared-channel members',
		category: 'slack',
		polarity: 'opportunity',
		defaultSeverity: 3,
		halfLifeDays: 45,
		dimension: 'relationship',
		description: 'New people from the customer joined the shared channel: the product is pulling in more of the org.',
		detection: { minNewMembers: 2, windowDays: 30 },
		valueDecision: true,
	},
	{
		id: 'slack.positive_sentiment',
		label: 'positive Slack sentiment',
		category: 'slack',
		polarity: 'opportunity',
		defaultSeverity: 3,
		halfLifeDays: 21,
		dimension: 'relationship',
		description: 'Customer messages in the shared channel are warm and appreciative.',
		// average sentiment (-1 … +1) of at least `minMessages` customer messages in `windowDays` days ≥ minSentimentScore.
		detection: { minSentimentScore: 0.3, minMessages: 3, windowDays: 7 },
	},
	{
		id: 'slack.unanswered_question',
		label: 'unanswered customer question',
		category: 'slack',
		polarity: 'risk',
		defaultSeverity: 5,
		halfLifeDays: 14,
		dimension: 'support',
		description: 'A customer asked a question in the shared channel and nobody from our side answered in time.',
		// no vendor-side reply within `maxBusinessHours` business hours (the seeds give no number: one working day).
		detection: { maxBusinessHours: 8, windowDays: 14 },
	},

	// ── crm ─────────────────────────────────────────────────────────────────────────────────────
	{
		id: 'crm.stage_regression',
		label: 'deal stage regression',
		category: 'crm',
		polarity: 'risk',
		defaultSeverity: 7,
		halfLifeDays: 30,
		dimension: 'commercial',
		description: 'A renewal or expansion deal moved backwards in the pipeline.',
		detection: { minStagesBack: 1 },
	},
	{
		id: 'crm.discount_expiring',
		label: 'expiring discount',
		category: 'crm',
		polarity: 'context',
		defaultSeverity: 5,
		halfLifeDays: 60,
		dimension: 'commercial',
		description: 'A discount ends at the next renewal: prepare the value conversation before the price one.',
		// the T-120 renewal workflow flags discounts whose expiry date is within `daysBeforeExpiry` days.
		detection: { daysBeforeExpiry: 120 },
	},
	{
		id: 'crm.contraction',
		label: 'contraction at renewal',
		category: 'crm',
		polarity: 'risk',
		defaultSeverity: 8,
		halfLifeDays: 90,
		dimension: 'commercial',
		description: 'The customer reduced seats, products or contract value.',
		// contract value or seat count down by ≥ minDecreasePct percent.
		detection: { minDecreasePct: 5 },
	},
	{
		id: 'crm.payment_issue',
		label: 'payment issue',
		category: 'crm',
		polarity: 'risk',
		defaultSeverity: 7,
		halfLifeDays: 30,
		dimension: 'commercial',
		description: 'An invoice is overdue or a payment failed.',
		detection: { minDaysOverdue: 30 },
	},
	{
		id: 'crm.no_exec_sponsor',
		label: 'missing executive sponsor',
		category: 'crm',
		polarity: 'risk',
		defaultSeverity: 6,
		halfLifeDays: 60,
		dimension: 'relationship',
		description: 'No executive sponsor is recorded for the account.',
		// only flagged once the account is older than `minAccountAgeDays` (onboarding is still mapping people).
		detection: { minAccountAgeDays: 30 },
	},
	{
		id: 'crm.single_threaded',
		label: 'single-threaded relationship',
		category: 'crm',
		polarity: 'risk',
		defaultSeverity: 5,
		halfLifeDays: 60,
		dimension: 'relationship',
		description: 'The whole relationship runs through one person: if they leave, the account goes with them.',
		// at most `maxActiveContacts` contacts engaged (meeting, email, call) in the last `windowDays` days.
		detection: { maxActiveContacts: 1, windowDays: 90 },
	},
	{
		id: 'crm.cancel_intent',
		label: 'cancellation intent',
		category: 'crm',
		polarity: 'risk',
		defaultSeverity: 10,
		halfLifeDays: 60,
		dimension: 'commercial',
		description: 'The customer gave notice, asked how to cancel, or a non-renewal was logged.',
		detection: { minMentions: 1 },
	},
	{
		id: 'crm.nps_detractor',
		label: 'NPS detractor',
		category: 'crm',
		polarity: 'risk',
		defaultSeverity: 7,
		halfLifeDays: 90,
		dimension: 'relationship',
		description: 'A contact answered the NPS survey as a detractor (score below 6): call within 48 hours.',
		// NPS 0–10; score ≤ maxScore, i.e. the seeds' "score < 6".
		detection: { maxScore: 5 },
	},
	{
		id: 'crm.nps_promoter',
		label: 'NPS promoter',
		category: 'crm',
		polarity: 'opportunity',
		defaultSeverity: 4,
		halfLifeDays: 90,
		dimension: 'relationship',
		description: 'A contact answered the NPS survey as a promoter (9 or 10): ask for a reference or case study.',
		// NPS 0–10; score ≥ minScore.
		detection: { minScore: 9 },
	},
	{
		id: 'crm.expansion_opportunity',
		label: 'open expansion opportunity',
		category: 'crm',
		polarity: 'opportunity',
		defaultSeverity: 6,
		halfLifeDays: 45,
		dimension: 'commercial',
		description: 'An expansion deal or upgrade request is open for the account.',
		// expansions above `aeHandoffPctOfAcv` percent of current ACV go to the AE (seeds: typical handoff > 30%).
		detection: { aeHandoffPctOfAcv: 30 },
	},

	// ── support ─────────────────────────────────────────────────────────────────────────────────
	{
		id: 'support.volume_spike',
		label: 'support volume spike',
		category: 'support',
		polarity: 'risk',
		defaultSeverity: 6,
		halfLifeDays: 21,
		dimension: 'support',
		description: "Ticket volume is 40% or more above the account's own normal level.",
		// tickets in the last `windowDays` days vs the account's average per `windowDays` over the
		// preceding `baselineDays` days: up by ≥ increasePct percent, and at least `minTickets` tickets
		// (so 1 → 2 tickets is not a "spike").
		detection: { increasePct: 40, windowDays: 30, baselineDays: 90, minTickets: 3 },
	},
	{
		id: 'support.sev1_escalation',
		label: 'Sev-1 / urgent escalation',
		category: 'support',
		polarity: 'risk',
		defaultSeverity: 9,
		halfLifeDays: 14,
		dimension: 'support',
		description: 'A Sev-1 / urgent ticket was opened: triage within 2 hours with CS and the support manager.',
		// the seeds' triage target for escalations.
		detection: { triageHours: 2 },
	},
	{
		id: 'support.ticket_burst',
		label: 'ticket burst',
		category: 'support',
		polarity: 'risk',
		defaultSeverity: 7,
		halfLifeDays: 14,
		dimension: 'support',
		description: 'The account opened 3 or more tickets within 7 days.',
		detection: { minTickets: 3, windowDays: 7 },
	},
	{
		id: 'support.repeat_issue',
		label: 'repeat issue',
		category: 'support',
		polarity: 'risk',
		defaultSeverity: 6,
		halfLifeDays: 30,
		dimension: 'support',
		description: 'The same problem keeps coming back in new tickets.',
		// ≥ minSimilarTickets tickets about the same issue within `windowDays` days.
		detection: { minSimilarTickets: 2, windowDays: 60 },
	},
	{
		id: 'support.frustration_language',
		label: 'frustration in tickets',
		category: 'support',
		polarity: 'risk',
		defaultSeverity: 5,
		halfLifeDays: 21,
		dimension: 'support',
		description: 'Ticket text shows frustration ("still broken", "unacceptable", "third time").',
		detection: { minMentions: 1, windowDays: 30 },
	},
	{
		id: 'support.low_csat',
		label: 'low CSAT',
		category: 'support',
		polarity: 'risk',
		defaultSeverity: 6,
		halfLifeDays: 45,
		dimension: 'support',
		description: 'The customer rated a support interaction as unsatisfied.',
		// CSAT on a 1–5 scale; "satisfied" is 4–5 (seeds), so score ≤ maxScore is unsatisfied.
		// A provider's good/bad rating maps bad → 1, good → 5.
		detection: { maxScore: 3 },
	},
	{
		id: 'support.slow_resolution',
		label: 'slow resolution',
		category: 'support',
		polarity: 'risk',
		defaultSeverity: 5,
		halfLifeDays: 30,
		dimension: 'support',
		description: 'A ticket took (or has been open) more than 72 hours to resolve.',
		// hours from creation to solved (or to now while still open) > maxResolutionHours.
		detection: { maxResolutionHours: 72 },
	},
	{
		id: 'support.sla_breach',
		label: 'SLA breach',
		category: 'support',
		polarity: 'risk',
		defaultSeverity: 6,
		halfLifeDays: 21,
		dimension: 'support',
		description: 'We missed a contractual response or resolution target on a ticket.',
		// first response later than `firstResponseHours` hours counts as a breach when the provider has no SLA field.
		detection: { firstResponseHours: 24 },
	},

	// ── usage ───────────────────────────────────────────────────────────────────────────────────
	{
		id: 'usage.wau_drop',
		label: 'weekly active users drop',
		category: 'usage',
		polarity: 'risk',
		defaultSeverity: 7,
		halfLifeDays: 21,
		dimension: 'usage',
		description: 'Weekly active users fell by more than 30% week over week: reach out within 24 hours.',
		// this week's WAU vs last week's: down by more than dropPct percent.
		detection: { dropPct: 30, windowDays: 7 },
	},
	{
		id: 'usage.below_baseline',
		label: 'usage below baseline',
		category: 'usage',
		polarity: 'risk',
		defaultSeverity: 6,
		halfLifeDays: 30,
		dimension: 'usage',
		description: "Usage has stayed below the account's own baseline for 30 days or more.",
		// baseline = average daily usage over the `baselineDays` days before the dip; every day of the
		// last `minDaysBelow` days at least `belowPct` percent under it (a tolerance so noise does not fire).
		detection: { minDaysBelow: 30, baselineDays: 90, belowPct: 10 },
	},
	{
		id: 'usage.adoption_plateau',
		label: 'adoption plateau',
		category: 'usage',
		polarity: 'risk',
		defaultSeverity: 4,
		halfLifeDays: 45,
		dimension: 'usage',
		description: 'Usage has been flat for 60+ days after onboarding: the account stopped growing into the product.',
		// usage within ±flatBandPct percent for `minFlatDays` days, counted only after `onboardingDays` days
		// from the contract start (the seeds' onboarding runs to day 90).
		detection: { minFlatDays: ADOPTION_PLATEAU_FLAT_DAYS, flatBandPct: 5, onboardingDays: 90 },
	},
	{
		id: 'usage.seat_utilisation_high',
		label: 'high seat utilisation',
		category: 'usage',
		polarity: 'opportunity',
		defaultSeverity: 6,
		halfLifeDays: 30,
		dimension: 'usage',
		description: 'More than 80% of purchased seats or plan capacity is in use: room for an expansion conversation.',
		detection: { minUtilisationPct: 80 },
	},
	{
		id: 'usage.feature_adoption',
		label: 'feature adoption',
		category: 'usage',
		polarity: 'opportunity',
		defaultSeverity: 4,
		halfLifeDays: 45,
		dimension: 'usage',
		description: 'The account started using a feature it had not used before.',
		// a feature unused before reaches `minActiveUsers` distinct users within `windowDays` days.
		detection: { minActiveUsers: 3, windowDays: 30 },
		valueDecision: true,
	},
	{
		id: 'usage.depth_increase',
		label: 'usage depth increase',
		category: 'usage',
		polarity: 'opportunity',
		defaultSeverity: 4,
		halfLifeDays: 45,
		dimension: 'usage',
		description: 'Users are going deeper: more actions or advanced features per active user, month over month.',
		// actions (or distinct features) per active user, last `windowDays` days vs the `windowDays` before.
		detection: { increasePct: 20, windowDays: 30 },
	},
	{
		id: 'usage.low_activation',
		label: 'low activation',
		category: 'usage',
		polarity: 'risk',
		defaultSeverity: 7,
		halfLifeDays: 30,
		dimension: 'usage',
		description: 'Fewer than 20% of licensed users are active by day 60 of onboarding: time for an intervention.',
		// active users / licensed seats < maxActivationPct percent at `checkDay` days after contract start.
		detection: { maxActivationPct: 20, checkDay: 60 },
	},

	{
		id: 'usage.usage_decline',
		label: 'usage decline',
		category: 'usage',
		polarity: 'risk',
		defaultSeverity: 6,
		halfLifeDays: 30,
		dimension: 'usage',
		description: 'Product usage fell 30% or more over two months, while the renewal is still months away.',
		// events in the last `windowDays` days vs the `windowDays` days that ended `spanDays` days earlier,
		// down by at least minDropPct percent.
		detection: { minDropPct: 30, windowDays: 30, spanDays: 60 },
	},
	{
		id: 'usage.module_decline',
		label: 'module usage decline',
		category: 'usage',
		polarity: 'risk',
		defaultSeverity: 6,
		halfLifeDays: 30,
		dimension: 'usage',
		description: 'Usage of one module or feature fell 40% or more in 30 days: check whether the renewal depends on it.',
		// the module's events in the last `windowDays` days vs the `windowDays` days before, down by at least minDropPct.
		detection: { minDropPct: 40, windowDays: 30 },
	},
	{
		id: 'usage.integration_silent',
		label: 'integration gone silent',
		category: 'usage',
		polarity: 'risk',
		defaultSeverity: 7,
		halfLifeDays: 21,
		dimension: 'usage',
		description: 'An event that fired every day stopped firing: a key integration may be broken or switched off.',
		// the seeds give no numbers: fired on at least minFiredDays of the `baselineDays` days up to its last
		// event, then nothing for `silentDays` days or more (a nightly sync missing three nights is a broken sync).
		detection: { silentDays: 3, baselineDays: 14, minFiredDays: 13 },
	},
	{
		id: 'usage.login_decline',
		label: 'login frequency decline',
		category: 'usage',
		polarity: 'risk',
		defaultSeverity: 5,
		halfLifeDays: 30,
		dimension: 'usage',
		description: 'Users log in less often: logins per active user fell 30% or more month over month.',
		// logins per active user in the last `windowDays` days vs the `windowDays` days before, down by at least
		// minDropPct percent (the seeds score login frequency but give no drop; 30% matches the other usage drops).
		detection: { minDropPct: 30, windowDays: 30 },
	},

	// ── exec ────────────────────────────────────────────────────────────────────────────────────
	{
		id: 'exec.sponsor_departed',
		label: 'executive sponsor departure',
		category: 'exec',
		polarity: 'risk',
		defaultSeverity: 9,
		halfLifeDays: 90,
		dimension: 'relationship',
		description: 'The executive sponsor left the company or the role: involve the next-level executive now.',
		// role changes older than `lookbackDays` days are history, not signals.
		detection: { lookbackDays: 90 },
	},
	{
		id: 'exec.champion_departed',
		label: 'champion departure',
		category: 'exec',
		polarity: 'risk',
		defaultSeverity: 8,
		halfLifeDays: 90,
		dimension: 'relationship',
		description: 'The champion left: identify a new stakeholder within one week.',
		// `replaceWithinDays`: the seeds' deadline to identify a new stakeholder.
		detection: { lookbackDays: 90, replaceWithinDays: 7 },
	},
	{
		id: 'exec.champion_promoted',
		label: 'champion promotion',
		category: 'exec',
		polarity: 'opportunity',
		defaultSeverity: 5,
		halfLifeDays: 60,
		dimension: 'relationship',
		description: 'The champion was promoted: more reach inside the account and a classic expansion signal.',
		detection: { lookbackDays: 90 },
	},
	{
		id: 'exec.new_executive',
		label: 'new executive',
		category: 'exec',
		polarity: 'context',
		defaultSeverity: 5,
		halfLifeDays: 60,
		dimension: 'relationship',
		description: 'A new executive arrived at the account and is not mapped yet: meet them before they review vendors.',
		detection: { lookbackDays: 90 },
		valueDecision: true,
	},
	{
		id: 'exec.title_change',
		label: 'title change',
		category: 'exec',
		polarity: 'context',
		defaultSeverity: 3,
		halfLifeDays: 60,
		dimension: 'relationship',
		description: 'A key contact changed title or team: check their influence on the renewal.',
		detection: { lookbackDays: 90 },
	},
	{
		id: 'exec.reorganisation',
		label: 're-organisation',
		category: 'exec',
		polarity: 'risk',
		defaultSeverity: 6,
		halfLifeDays: 60,
		dimension: 'relationship',
		description: 'Several contacts at the account changed title within weeks: a re-organisation moves budgets, owners and champions.',
		// at least `minContacts` different contacts changed title within `windowDays` days, in the last `lookbackDays` days.
		detection: { minContacts: 3, windowDays: 30, lookbackDays: 90 },
	},

	// ── market ──────────────────────────────────────────────────────────────────────────────────
	{
		id: 'market.funding',
		label: 'funding round',
		category: 'market',
		polarity: 'opportunity',
		defaultSeverity: 5,
		halfLifeDays: 30,
		dimension: 'commercial',
		description: 'The customer raised a funding round: budget and growth plans may open up.',
		// news items older than `maxArticleAgeDays` days are not signals.
		detection: { maxArticleAgeDays: 30 },
	},
	{
		id: 'market.layoffs',
		label: 'layoff',
		category: 'market',
		polarity: 'risk',
		defaultSeverity: 7,
		halfLifeDays: 45,
		dimension: 'commercial',
		description: 'The customer announced layoffs or a restructuring: seats, budget and champions are at risk.',
		detection: { maxArticleAgeDays: 30 },
	},
	{
		id: 'market.acquisition',
		label: 'acquisition',
		category: 'market',
		polarity: 'risk',
		defaultSeverity: 6,
		halfLifeDays: 90,
		dimension: 'commercial',
		description: 'The customer is being acquired or merging: vendor consolidation is likely at renewal.',
		detection: { maxArticleAgeDays: 30 },
	},
	{
		id: 'market.leadership_change',
		label: 'leadership change',
		category: 'market',
		polarity: 'context',
		defaultSeverity: 5,
		halfLifeDays: 45,
		dimension: 'relationship',
		description: 'The customer announced a new CEO or senior leader: priorities may shift.',
		detection: { maxArticleAgeDays: 30 },
	},
	{
		id: 'market.expansion_news',
		label: 'expansion news',
		category: 'market',
		polarity: 'opportunity',
		defaultSeverity: 4,
		halfLifeDays: 30,
		dimension: 'commercial',
		description: 'The customer is expanding: new offices, markets, products or hiring.',
		detection: { maxArticleAgeDays: 30 },
	},
	{
		id: 'market.earnings_miss',
		label: 'earnings or guidance miss',
		category: 'market',
		polarity: 'risk',
		defaultSeverity: 5,
		halfLifeDays: 45,
		dimension: 'commercial',
		description: 'The customer missed earnings or cut its guidance: expect budget scrutiny and cost-justification questions at renewal.',
		detection: { maxArticleAgeDays: 30 },
	},
	{
		id: 'market.security_breach',
		label: 'security breach',
		category: 'market',
		polarity: 'risk',
		defaultSeverity: 6,
		halfLifeDays: 45,
		dimension: 'commercial',
		description: 'The customer disclosed a security breach or cyber incident: priorities, vendor reviews and security questionnaires follow.',
		detection: { maxArticleAgeDays: 30 },
	},
	{
		id: 'market.competitor_partnership',
		label: 'partnership with a competitor',
		category: 'market',
		polarity: 'risk',
		defaultSeverity: 7,
		halfLifeDays: 60,
		dimension: 'commercial',
		description: 'The customer announced a partnership with one of our competitors: a displacement risk to raise before the renewal.',
		detection: { maxArticleAgeDays: 30 },
	},
];
