/**
 * `cs-signal-os signals <source> …`: the same detectors the source nodes run, for exported data. One table of
 * sources: each entry is a file in bin/commands/signals/ (usage today; meetings, email, slack, exec and market
 * plug in the same way — add the file and one line here).
 */
import { CliError, type CliCommand, type CliIo } from './cli';
import { usageSignals } from './signals/usage';

/** One source of `signals`: its name, one line for the list, and the command that reads its files. */
export interface SignalSource {
	name: string;
	summary: string;
	run(args: string[], io: CliIo): Promise<number>;
}

export const SIGNAL_SOURCES: readonly SignalSource[] = [usageSignals];

function help(): string {
	const lines = ['Usage: cs-signal-os signals <source> [options]', '', 'Prints the Signal items the detectors find in exported data, as a JSON array.', '', 'Sources:'];
	for (const source of SIGNAL_SOURCES) lines.push(`  ${source.name.padEnd(10)} ${source.summary}`);
	lines.push('', 'Run "cs-signal-os signals <source> --help" for a source\'s options.');
	return lines.join('\n');
}

export const signalsCommand: CliCommand = {
	name: 'signals',
	summary: `Detect signals in exported data (${SIGNAL_SOURCES.map((source) => source.name).join(', ')}); Signal items as JSON.`,
	async run(args, io) {
		const [name, ...rest] = args;
		if (!name || name === '--help' || name === '-h') {
			io.stdout(help());
			return name ? 0 : 1;
		}
		const source = SIGNAL_SOURCES.find((s) => s.name === name);
		if (!source) throw new CliError(`Unknown signal source "${name}".\n\n${help()}`);
		return source.run(rest, io);
	},
};
