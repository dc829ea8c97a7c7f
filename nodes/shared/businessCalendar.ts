import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { calendarFromSettings, DEFAULT_CALENDAR, type BusinessCalendar } from '../../engine/act/calendar';
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
 * The business-calendar parameters shared by the nodes that set due dates (CS Playbook, CS Renewal Ladder),
 * defaults from DEFAULT_CALENDAR. `work` names what falls due: "step" or "task".
 */
export function businessCalendarProperties(work: 'step' | 'task'): INodeProperties[] {
	const { dueHour } = DEFAULT_CALENDAR;
	return [
		{
			displayName: 'Time Zone',
			name: 'timeZone',
			type: 'string',
			noDataExpression: true,
			default: '',
			placeholder: 'Europe/Berlin',
			description: "IANA time zone that decides which day it is and when work falls due; leave empty for the workflow's time zone",
		},
		{
			displayName: 'Holidays',
			name: 'holidays',
			type: 'string',
			noDataExpression: true,
			default: '',
			placeholder: '2026-12-24, 2026-12-25, 2026-12-26',
			description: `Non-working days as ISO dates (YYYY-MM-DD), comma-separated; no ${work} falls due on them`,
		},
		{
			displayName: 'Due Hour',
			name: 'dueHour',
			type: 'number',
			noDataExpression: true,
			typeOptions: { minValue: 0, maxValue: 23 },
			default: dueHour,
			description: `Local hour at which a business day ends: ${work}s fall due then`,
		},
		{
			displayName: 'Weekend Days',
			name: 'weekend',
			type: 'multiOptions',
			noDataExpression: true,
			options: WEEKDAYS,
			default: [...DEFAULT_CALENDAR.weekend],
			description: 'Days that are not business days',
		},
	];
}

/** Read those parameters (once per execution); a bad time zone, holiday or hour fails the node with the engine's sentence. */
export function readBusinessCalendar(context: IExecuteFunctions): BusinessCalendar {
	try {
		return calendarFromSettings(
			{
				timeZone: context.getNodeParameter('timeZone', 0, '') as string,
				holidays: context.getNodeParameter('holidays', 0, '') as string,
				dueHour: context.getNodeParameter('dueHour', 0, DEFAULT_CALENDAR.dueHour) as number,
				weekend: context.getNodeParameter('weekend', 0, DEFAULT_CALENDAR.weekend) as number[],
			},
			context.getTimezone(),
		);
	} catch (error) {
		throw nodeError(context.getNode(), error);
	}
}
