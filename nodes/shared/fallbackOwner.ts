import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { fallbackOwnerFrom } from '../../engine/act/playbooks';
import type { Owner } from '../../engine/model';
import { nodeError } from './errors';

/**
 * The fallback-owner parameters, one shape for every node that assigns work (CS Decision Triggers, CS Playbook,
 * CS Renewal Ladder). `work` names what is owned: "decision", "step", "task".
 */
export function fallbackOwnerProperties(work: string): INodeProperties[] {
	return [
		{
			displayName: 'Fallback Owner Name',
			name: 'fallbackOwnerName',
			type: 'string',
			noDataExpression: true,
			default: '',
			placeholder: 'CS Ops queue',
			description: `Who owns a ${work} when nobody holds its role on the account (leave empty to output it unassigned)`,
		},
		{
			displayName: 'Fallback Owner Email',
			name: 'fallbackOwnerEmail',
			type: 'string',
			noDataExpression: true,
			default: '',
			placeholder: 'cs-ops@example.com',
		},
		{
			displayName: 'Fallback Owner Slack User ID',
			name: 'fallbackOwnerSlackUserId',
			type: 'string',
			noDataExpression: true,
			default: '',
			placeholder: 'U012AB3CD',
			description: 'Lets a Slack alert mention the fallback owner',
		},
	];
}

/** Read those parameters (once per execution); an e-mail without a name, or a bad e-mail, fails the node with the engine's sentence. */
export function readFallbackOwner(context: IExecuteFunctions): Owner | null {
	try {
		return fallbackOwnerFrom(
			context.getNodeParameter('fallbackOwnerName', 0, '') as string,
			context.getNodeParameter('fallbackOwnerEmail', 0, '') as string,
			context.getNodeParameter('fallbackOwnerSlackUserId', 0, '') as string,
		);
	} catch (error) {
		throw nodeError(context.getNode(), error);
	}
}
