/**
 * The playbook ids a rule may name in `event.params.playbook`.
 * This plain list is the contract between the decision layer (rules/, engine/decide) and the playbook
 * catalogue (engine/act/playbooks), which must define steps for every id here. Each id is a playbook the
 * seeds describe; the comment says where.
 */
export const PLAYBOOK_IDS = [
	'executive_escalation', // decision triggers: risk > 7.0 with renewal ≤ 120 days; churn risk: health < 40, no champion engagement (CS + Sales + exec touch)
	'ebr', // EBR playbook (seed 004); the executive escalation schedules one as its step ("Exec Escalation · EBR Schedule")
	'technical_review', // decision triggers: support volume spike + sentiment decline
	'expansion_conversation', // decision triggers: usage depth + positive sentiment; expansion score 71+
	'cs_sales_handoff', // expansion ownership: > 30% of ACV → AE
	'relationship_mapping', // decision triggers: new executive stakeholder
	'csm_outreach', // event playbooks: WAU drop > 30% → CSM outreach within 24 h
	'detractor_call', // event playbooks: NPS < 6 → call within 48 h
	'champion_change', // event playbooks: champion departure → new stakeholder within 1 week, next-level executive immediately
	'exec_sponsor_loss', // intervention playbooks (seed 004): Executive Sponsor Loss
	'support_triage', // event playbooks: Sev-1 or 3+ tickets in 7 days → triage within 2 h
	'at_risk_recovery', // at-risk playbook (day 0–30): health < 40 or cancel signal
	'onboarding_high_touch', // onboarding playbook (high touch)
	'onboarding_tech_touch', // onboarding playbook (tech touch)
	'onboarding_low_touch', // low-touch (pooled CSM) playbook elements: automated welcome, onboarding webinar, 30-day check-in
	'onboarding_reminder', // onboarding automation: no kickoff by day 3 → reminder
	'onboarding_manager_alert', // onboarding automation: not live by day 30 → alert manager
	'onboarding_intervention', // onboarding automation: usage < 20% by day 60 → intervention
	'first_impact_recovery', // trigger plays: onboarding > 120% of agreed timeline → exec sponsor call + revised Joint Impact Plan
	'impact_review', // trigger plays: adoption plateau 60+ days post-onboarding
	'whitespace_planning', // trigger plays: consistent adoption, stakeholder growth, whitespace
	'save_graduated_step_up', // save plays: discount expiring, customer at risk (Sales Mgr approves)
	'save_scope_reduction', // save plays: usage dropped, underutilising (CSM approves)
	'save_higher_tier_trial', // save plays: feature gap blocking renewal (CSM + Sales Mgr)
	'save_split_billing', // save plays: budget genuinely cut (Finance)
	'churn_autopsy', // CS-Product loop: 100% of churned accounts
	'multi_threading', // single-threaded renewals: champion leaves, renewal at risk
	'upsell_conversation', // expansion signals: > 80% utilisation
	'value_justification', // discount governance: T-120 flags expiring discounts → value justification
	'renewal_risk', // at-risk renewal escalation (T-90 / T-60); red account < 90 days → renewal-risk mode
	'rescue_mode', // red account > 90 days before renewal → rescue mode
	'health_review', // health cadence: drop > 10 points, green → yellow, ≥ 20% in 30 days
	'quiet_account_check', // the "safe account trap": low signal density, no recent engagement
] as const;

export type PlaybookId = (typeof PLAYBOOK_IDS)[number];
