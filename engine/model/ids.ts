import { createHash } from 'node:crypto';

/**
 * A stable id: the same parts always give the same id, whatever run or machine computes it.
 * Signals use it over (source system, source record, signal type) so a record seen twice is one signal.
 */
export function stableId(prefix: string, ...parts: Array<string | number>): string {
	const hash = createHash('sha256');
	for (const part of parts) {
		hash.update(String(part));
		hash.update('\u001f');
	}
	return `${prefix}_${hash.digest('hex').slice(0, 20)}`;
}

export function signalId(sourceSystem: string, sourceRef: string, type: string): string {
	return stableId('sig', sourceSystem, sourceRef, type);
}

export function decisionId(ruleId: string, accountId: string, firedAt: string): string {
	return stableId('dec', ruleId, accountId, firedAt);
}

/** One id per action episode: (playbook, account, when it opened). */
export function actionId(playbook: string, accountId: string, openedAt: string): string {
	return stableId('act', playbook, accountId, openedAt);
}
