import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { calendarFromSettings, type BusinessCalendar } from '../../engine/act/calendar';
import { fallbackOwnerFrom } from '../../engine/act/playbooks';
import type { Owner } from '../../engine/model';
import { nodeError } from './errors';

const WEEKDAYS = [
	{ name: 'Monday', value: 1 },
	{ name: 'Tuesday', value: 2 },
	{ name: 'Wednesday', value: 3 },
	{ name: 'Thursday', value: 4 },
	{ name: 'Friday', value: 5 },
	{ name: 'Saturday', value: 6 },
	{ name: 'Sunday', value: 7 },
];

/**
 * The business-calendar and fallback-owner parameters shared by the nodes that set due dates
 * (CS Playbook, CS Renewal Ladder). `work` names what falls due: "step" or "task".
 */
export function businessCalendarProperties(work: 'step' | 'task'): INodeProperties[] {
	return [
		{
			displayName: 'Time Zone',
			name: 'timeZone',
			type: 'string',
			default: '',
			placeholder: 'Europe/Berlin',
			description: "IANA time zone that decides which day it is and when work falls due; leave empty for the workflow's time zone",
		},
		{
			displayName: 'Holidays',
			name: 'holidays',
			type: 'string',
			default: '',
			placeholder: '2026-12-24, 2026-12-25, 2026-12-26',
			description: `Non-working days as ISO dates (YYYY-MM-DD), comma-separated; no ${work} falls due on them`,
		},
		{
			displayName: 'Due Hour',
			name: 'dueHour',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 23 },
			default: 17,
			description: `Local hour at which a business day ends: ${work}s fall due then`,
		},
		{
			displayName: 'Weekend Days',
			name: 'weekend',
			type: 'multiOptions',
			options: WEEKDAYS,
			default: [6, 7],
			description: 'Days that are not business days',
		},
		{
			displayName: 'Fallback Owner Name',
			name: 'fallbackOwnerName',
			type: 'string',
			default: '',
			placeholder: 'CS Ops queue',
			description: `Who owns a ${work} when nobody holds its role on the account (leave empty to output it unassigned)`,
		},
		{
			displayName: 'Fallback Owner Email',
			name: 'fallbackOwnerEmail',
			type: 'string',
			default: '',
			placeholder: 'cs-ops@example.com',
		},
	];
}

/** Read those parameters; a bad time zone, holiday or hour fails the node with the engine's sentence. */
export function readBusinessCalendar(context: IExecuteFunctions): { calendar: BusinessCalendar; fallbackOwner: Owner | null } {
	try {
		const calendar = calendarFromSettings(
			{
				timeZone: context.getNodeParameter('timeZone', 0, '') as string,
				holidays: context.getNodeParameter('holidays', 0, '') as string,
				dueHour: context.getNodeParameter('dueHour', 0, 17) as number,
				weekend: context.getNodeParameter('weekend', 0, [6, 7]) as number[],
			},
			context.getTimezone(),
		);
		const fallbackOwner = fallbackOwnerFrom(
			context.getNodeParameter('fallbackOwnerName', 0, '') as string,
			context.getNodeParameter('fallbackOwnerEmail', 0, '') as string,
		);
		return { calendar, fallbackOwner };
	} catch (error) {
		throw nodeError(context.getNode(), error);
	}
}
