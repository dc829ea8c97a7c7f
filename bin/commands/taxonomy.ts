import type { CliCommand } from './cli';

/** Placeholder wiring replaced by the taxonomy work below. */
export const taxonomyCommand: CliCommand = {
	name: 'taxonomy',
	summary: 'List the signal taxonomy (--json for the full JSON array).',
	async run(_args, io) {
		io.stderr('taxonomy: not built yet');
		return 1;
	},
};
