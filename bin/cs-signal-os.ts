#!/usr/bin/env node
/* The cs-signal-os command line: one subcommand per file in bin/commands/. */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { backtestCommand, type BacktestCliIo } from './commands/backtest';
import { CliError, type CliCommand, type CliIo } from './commands/cli';
import { briefCommand } from './commands/brief';
import { decideCommand } from './commands/decide';
import { intelligenceCommand } from './commands/intelligence';
import { reportCommand } from './commands/report';
import { rulesCommand } from './commands/rules';
import { signalsCommand } from './commands/signals';
import type { UsageCliIo } from './commands/signals/usage';
import { taxonomyCommand } from './commands/taxonomy';
import { webhookCommand, type WebhookCliIo } from './commands/webhook';

const COMMANDS: CliCommand[] = [taxonomyCommand, signalsCommand, intelligenceCommand, rulesCommand, decideCommand, briefCommand, reportCommand, backtestCommand, webhookCommand];

function usage(): string {
	const lines = ['Usage: cs-signal-os <command> [options]', '', 'Commands:'];
	for (const command of COMMANDS) lines.push(`  ${command.name.padEnd(14)} ${command.summary}`);
	lines.push('', 'Run "cs-signal-os <command> --help" for a command\'s options.');
	return lines.join('\n');
}

export async function main(argv: string[], io: CliIo): Promise<number> {
	const [name, ...rest] = argv;
	if (!name || name === '--help' || name === '-h') {
		io.stdout(usage());
		return name ? 0 : 1;
	}
	const command = COMMANDS.find((c) => c.name === name);
	if (!command) {
		io.stderr(`Unknown command "${name}".\n\n${usage()}`);
		return 1;
	}
	try {
		return await command.run(rest, io);
	} catch (error) {
		if (error instanceof CliError) {
			io.stderr(error.message);
			return error.exitCode;
		}
		io.stderr(`cs-signal-os ${name}: ${(error as Error).message}`);
		return 1;
	}
}

if (require.main === module) {
	const io: WebhookCliIo & UsageCliIo & BacktestCliIo = {
		stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
		stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
		readFile: (path) => readFileSync(path, 'utf8'),
		readBytes: (path) => readFileSync(path),
		// a file that is not there fails here, before any row is read
		readStream: (path) => (statSync(path), createReadStream(path)),
		stderrIsTTY: process.stderr.isTTY === true,
	};
	main(process.argv.slice(2), io).then((code) => {
		process.exitCode = code;
	});
}
