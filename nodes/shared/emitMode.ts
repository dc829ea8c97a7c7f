import type { INodeProperties } from 'n8n-workflow';
import { DEFAULT_SIGNAL_EMIT_MODE, SIGNAL_EMIT_MODES, type SignalEmitMode } from '../../engine/sweeps';
import { choices } from './formOptions';

const EMIT_CHOICES: Readonly<Record<SignalEmitMode, { name: string; description: string }>> = {
	active: { name: 'All Active Signals', description: 'Every signal still inside its look-back window, each run (what CS Account Intelligence needs)' },
	new: { name: 'New Signals Only', description: 'Only signals no earlier run of this node emitted (for alerts)' },
};

/** The "Emit" parameter of source nodes that keep what they emitted (CS Executive Change Signals, CS Market Signals). */
export function emitModeProperty(displayOptions?: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'Emit',
		name: 'emit',
		type: 'options',
		noDataExpression: true,
		options: choices(SIGNAL_EMIT_MODES, EMIT_CHOICES),
		default: DEFAULT_SIGNAL_EMIT_MODE,
		...(displayOptions ? { displayOptions } : {}),
	};
}
