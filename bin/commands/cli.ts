/** Shared plumbing for cs-signal-os subcommands: I/O seam (so tests run commands in-process), argument parsing and file reading. */
import { parsePackJson, type PackInput } from '../../engine/decide';
import { didYouMean } from '../../engine/model';

export interface CliIo {
	stdout(text: string): void;
	stderr(text: string): void;
	readFile(path: string): string;
}

export interface CliCommand {
	name: string;
	summary: string;
	run(args: string[], io: CliIo): Promise<number>;
}

export class CliError extends Error {
	constructor(
		message: string,
		readonly exitCode = 1,
	) {
		super(message);
	}
}

export interface ParsedArgs {
	flags: Record<string, string[]>;
	positionals: string[];
}

/** `--name value`, `--name=value`, repeated flags collect; boolean flags listed in `booleans`. */
export function parseArgs(args: string[], booleans: string[] = []): ParsedArgs {
	const flags: Record<string, string[]> = {};
	const positionals: string[] = [];
	for (let i = 0; i < args.length; i++) {
		const arg = args[i];
		if (!arg.startsWith('--')) {
			positionals.push(arg);
			continue;
		}
		const eq = arg.indexOf('=');
		const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
		let value: string;
		if (eq >= 0) value = arg.slice(eq + 1);
		else if (booleans.includes(name)) value = 'true';
		else {
			const next = args[i + 1];
			if (next === undefined || next.startsWith('--')) throw new CliError(`Option --${name} needs a value.`);
			value = next;
			i++;
		}
		(flags[name] ??= []).push(value);
	}
	return { flags, positionals };
}

/** Read a JSON array or JSON-lines file. */
export function readJsonItems(io: CliIo, path: string, what: string): unknown[] {
	let text: string;
	try {
		text = io.readFile(path);
	} catch (error) {
		throw new CliError(`Cannot read ${what} file "${path}": ${(error as Error).message}`);
	}
	const trimmed = text.trim();
	if (trimmed === '') return [];
	if (path.endsWith('.jsonl') || (!trimmed.startsWith('[') && trimmed.includes('\n'))) {
		return trimmed.split(/\r?\n/).filter((line) => line.trim() !== '').map((line, index) => {
			try {
				return JSON.parse(line);
			} catch (error) {
				throw new CliError(`${what} file "${path}" line ${index + 1} is not JSON: ${(error as Error).message}`);
			}
		});
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(trimmed);
	} catch (error) {
		throw new CliError(`${what} file "${path}" is not JSON: ${(error as Error).message}`);
	}
	return Array.isArray(parsed) ? parsed : [parsed];
}

/**
 * Refuse an option the command does not know, before parsing (so `--jsn` is not mistaken for an option that
 * needs a value): `Unknown option --jsn for "taxonomy". Did you mean "--json"?`, then the command's help.
 */
export function rejectUnknownOptions(args: readonly string[], known: readonly string[], command: string, help: string): void {
	for (const arg of args) {
		if (!arg.startsWith('--')) continue;
		const name = arg.slice(2).split('=')[0];
		if (!known.includes(name)) {
			throw new CliError(`Unknown option --${name} for "${command}".${didYouMean(`--${name}`, known.map((option) => `--${option}`))}\n\n${help}`);
		}
	}
}

/** A command that takes no arguments, only options. */
export function rejectPositionals(positionals: readonly string[], command: string, help: string): void {
	if (positionals.length > 0) throw new CliError(`"${command}" takes no arguments, got "${positionals.join(' ')}".\n\n${help}`);
}

/** The value of an option given at most once. */
export function single(flags: Record<string, string[]>, name: string): string | undefined {
	const values = flags[name];
	if (!values) return undefined;
	if (values.length > 1) throw new CliError(`Option --${name} was given ${values.length} times; give it once.`);
	return values[0];
}

/** Rule packs from files (a pack or a list of packs per file), each named by its file in messages. */
export function readPackFiles(io: CliIo, files: readonly string[]): PackInput[] {
	return files.flatMap((file) => {
		let text: string;
		try {
			text = io.readFile(file);
		} catch (error) {
			throw new CliError(`Cannot read rule pack "${file}": ${(error as Error).message}`);
		}
		try {
			return parsePackJson(text, file);
		} catch (error) {
			throw new CliError((error as Error).message);
		}
	});
}
