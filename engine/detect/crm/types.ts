/** What a previous run saw, kept in node static data: the stage of every open deal (stage regression compares with it). */
export interface CrmSweepState {
	dealStages: Record<string, { stage: string; pipeline: string }>;
	lastSweepAt?: string;
}
