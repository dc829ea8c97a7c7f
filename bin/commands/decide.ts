import { prepareRules, runDecisionSweep, shippedPackInputs, type PackInput } from '../../engine/decide';
import { RecordStoreLedger } from '../../engine/ledger';
import { parseIntelligence, requireIsoDate, toIso, type AccountIntelligence } from '../../engine/model';
import { CliError, parseArgs, readJsonItems, readPackFiles, type CliCommand } from './cli';

const HELP = `Usage: cs-signal-os decide --intelligence <file.json> [--rules <pack.json>]… [--thresholds <overrides.json>] [--as-of <ISO date>] [--budget <n>]

Evaluates rule packs over AccountIntelligence items (a JSON array or JSON lines, e.g. the output of
"cs-signal-os intelligence") and prints the Decision items as a JSON array. Without --rules the shipped
packs are used. The ledger is in memory, so every true condition is "new" and no budget applies unless --budget is given.
--thresholds is a JSON object of threshold overrides, e.g. {"riskScoreEscalation": 6.5}.`;

export const decideCommand: CliCommand = {
	name: 'decide',
	summary: 'Evaluate rule packs over AccountIntelligence JSON and print Decision items.',
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
		let asOf: string | null = null;
		if (flags['as-of']) {
			try {
				asOf = toIso(requireIsoDate(flags['as-of'][0], '--as-of'));
			} catch (error) {
				throw new CliError((error as Error).message);
			}
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
		const result = await runDecisionSweep(rules, intelligence, new RecordStoreLedger(), { asOf, dailyAlertBudget: budget });
		io.stdout(JSON.stringify(result.decisions.map((d) => d.decision), null, 2));
		return 0;
	},
};
