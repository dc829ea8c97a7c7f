import { runActionSweep } from '../../engine/act/actions';
import { prepareRules, shippedPackInputs, type PackInput } from '../../engine/decide';
import { RecordStoreLedger } from '../../engine/ledger';
import { parseIntelligence, resolveAsOf, toIso, type AccountIntelligence } from '../../engine/model';
import { CliError, parseArgs, readJsonItems, readPackFiles, type CliCommand } from './cli';

const HELP = `Usage: cs-signal-os decide --intelligence <file.json> [--rules <pack.json>]… [--thresholds <overrides.json>] [--as-of <ISO date>] [--timezone <IANA zone>] [--budget <n>]

Evaluates rule packs over AccountIntelligence items (a JSON array or JSON lines, e.g. the output of
"cs-signal-os intelligence") and prints the Action items as a JSON array — one per account and playbook, with
every rule that led to it in "reasons": the same items CS Decision Triggers emits on "All Actions". Without
--rules the shipped packs are used. The ledger is in memory, so every action is "new" and no budget applies
unless --budget is given. --thresholds is a JSON object of threshold overrides, e.g. {"riskScoreEscalation": 6.5}.
--as-of without an offset is read in --timezone (default UTC), as a workflow reads it in its time zone.`;

export const decideCommand: CliCommand = {
	name: 'decide',
	summary: 'Evaluate rule packs over AccountIntelligence JSON and print Action items (one per account and playbook).',
	async run(args, io) {
		const { flags } = parseArgs(args, ['help']);
		if (flags.help) {
			io.stdout(HELP);
			return 0;
		}
		const file = flags.intelligence?.[0];
		if (!file) throw new CliError(`decide needs --intelligence <file.json>.\n\n${HELP}`);
		const packs: PackInput[] = flags.rules ? readPackFiles(io, flags.rules) : shippedPackInputs();
		let overrides: Record<string, unknown> = {};
		if (flags.thresholds) {
			const [parsed] = readJsonItems(io, flags.thresholds[0], 'thresholds');
			if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
				throw new CliError(`thresholds file "${flags.thresholds[0]}" must be a JSON object such as {"riskScoreEscalation": 6.5}`);
			overrides = parsed as Record<string, unknown>;
		}
		const timezone = flags.timezone?.[0];
		let asOf: string | null = null;
		try {
			if (timezone) resolveAsOf(null, timezone);
			if (flags['as-of']) asOf = toIso(resolveAsOf(flags['as-of'][0], timezone, '--as-of'));
		} catch (error) {
			throw new CliError((error as Error).message);
		}
		let rules;
		try {
			rules = prepareRules(packs, overrides);
		} catch (error) {
			throw new CliError((error as Error).message);
		}
		const items = readJsonItems(io, file, 'intelligence');
		const intelligence: Array<{ intel: AccountIntelligence; itemIndex: number }> = [];
		const problems: string[] = [];
		items.forEach((item, index) => {
			try {
				intelligence.push({ intel: parseIntelligence(item, index), itemIndex: index });
			} catch (error) {
				problems.push(`${file}: ${(error as Error).message}`);
			}
		});
		if (problems.length) throw new CliError(problems.join('\n'));
		const budget = flags.budget ? Number(flags.budget[0]) : 0;
		if (!Number.isInteger(budget) || budget < 0) throw new CliError(`--budget must be a whole number of alerts per owner per day, got "${flags.budget![0]}"`);
		const result = await runActionSweep(rules, intelligence, new RecordStoreLedger(), { asOf, timezone, dailyAlertBudget: budget, ownerDigests: false });
		io.stdout(JSON.stringify(result.actions.map((a) => a.action), null, 2));
		return 0;
	},
};
