import type { Account } from './account';

/**
 * A deal (opportunity) as a CRM source maps it and the CRM detectors read it — provider-neutral, so a
 * new CRM (Salesforce) maps onto the same shape and every detector works unchanged.
 */
export interface CrmDeal {
	dealId: string;
	name: string;
	amount?: number;
	currency?: string;
	closeDate?: string;
	stage: string;
	pipeline: string;
	isClosedWon: boolean;
	isClosed: boolean;
	/** A renewal of the current contract (deal type or name), as opposed to new business. */
	isRenewal: boolean;
	/** When the deal entered each stage it has been in (HubSpot `hs_date_entered_<stage>`). */
	stageEnteredAt: Record<string, string>;
	updatedAt?: string;
	url?: string;
}

/** One account as the CRM gives it: the canonical Account, its deals and the raw flag values the detectors read. */
export interface CrmAccountRecord {
	account: Account;
	deals: CrmDeal[];
	/** Value of the configured cancel-intent property, when set. */
	cancelIntentValue?: string;
	/** Value of the configured payment-status property, when set. */
	paymentStatus?: string;
	/** The source system (`hubspot`, `input`) and its record reference and URL. */
	system: string;
	ref: string;
	url?: string;
}
