import {
	describeDuration,
	describeWebhookEvent,
	describeWindow,
	parseCapturedHeaders,
	parseWindow,
	verifyWebhook,
	WEBHOOK_PROVIDERS,
	WebhookConfigError,
	webhookEvents,
	type WebhookProvider,
	type WebhookVerification,
	type WebhookVerifierConfig,
} from '../../engine/webhooks';
import { CliError, parseArgs, type CliCommand, type CliIo } from './cli';

export const WEBHOOK_SECRET_ENV = 'CS_WEBHOOK_SECRET';

const HELP = `Usage:
  cs-signal-os webhook verify --provider <${WEBHOOK_PROVIDERS.join('|')}> --headers <headers.json> --body <body-file>
      [--url <url>] [--method POST] [--now <ISO-8601>] [--window 5m] [--legacy]
      generic HMAC: --signature-header <name> --algorithm <sha256|sha1|sha512> --encoding <hex|base64>
                    [--prefix <text>] [--timestamp-header <name>] [--signed-content "v0:{timestamp}:{body}"]

Says whether a captured webhook request verifies and, if not, why (what to check when a provider reports 401s).
  secret     the signing secret (Graph: the subscription's clientState), from the ${WEBHOOK_SECRET_ENV} environment
             variable — keeps it out of shell history:  read -rs ${WEBHOOK_SECRET_ENV} && export ${WEBHOOK_SECRET_ENV}
             (--secret <s> also works, but stays in your history). The secret is never printed.
  --headers  a JSON object of header → value (or list of values), as the provider's delivery log shows them
  --body     the raw body exactly as delivered (its bytes; an editor's added line break is detected)
  --url      the full URL the provider called (HubSpot signs it; Graph's ?validationToken= is in it)
  --now      judge timestamps at this instant instead of the clock (a capture checked later)
  --window   the replay window for signed timestamps (default 5m)
  --legacy   HubSpot: accept v1/v2 signatures (no replay protection)
Exit status: 0 verified, 1 not verified, 2 usage error.`;

/** The command's I/O: the CLI's, plus raw bytes for the body and the environment (tests pass their own). */
export interface WebhookCliIo extends CliIo {
	readBytes?(path: string): Uint8Array;
	env?: Readonly<Record<string, string | undefined>>;
}

const COMMON_FLAGS = ['provider', 'secret', 'headers', 'body', 'url', 'method', 'now', 'window', 'help'];
const GENERIC_FLAGS = ['signature-header', 'algorithm', 'encoding', 'prefix', 'timestamp-header', 'signed-content'];
const TIMESTAMPED: readonly WebhookProvider[] = ['zendesk', 'hubspot', 'slack', 'generic'];

function usage(message: string): never {
	throw new CliError(`${message}\n\n${HELP}`, 2);
}

function one(flags: Record<string, string[]>, name: string): string | undefined {
	const values = flags[name];
	if (!values) return undefined;
	if (values.length > 1) usage(`--${name} was given ${values.length} times.`);
	return values[0];
}

function readHeaders(io: CliIo, path: string) {
	let text: string;
	try {
		text = io.readFile(path);
	} catch (error) {
		throw new CliError(`Cannot read the headers file "${path}": ${(error as Error).message}`, 2);
	}
	try {
		return parseCapturedHeaders(JSON.parse(text), `headers file "${path}"`);
	} catch (error) {
		const message = error instanceof SyntaxError ? `headers file "${path}" is not JSON: ${error.message}` : (error as Error).message;
		throw new CliError(message, 2);
	}
}

function readBody(io: WebhookCliIo, path: string): Uint8Array {
	try {
		return io.readBytes ? io.readBytes(path) : Buffer.from(io.readFile(path), 'utf8');
	} catch (error) {
		throw new CliError(`Cannot read the body file "${path}": ${(error as Error).message}`, 2);
	}
}

function buildConfig(provider: WebhookProvider, secret: string, flags: Record<string, string[]>): WebhookVerifierConfig {
	const windowText = one(flags, 'window');
	let windowMs: number | undefined;
	if (windowText !== undefined) {
		if (!TIMESTAMPED.includes(provider)) usage(`--window has no effect: ${provider} signs no timestamp.`);
		try {
			windowMs = parseWindow(windowText);
		} catch (error) {
			usage(`--window: ${(error as Error).message}.`);
		}
	}
	switch (provider) {
		case 'hubspot':
			return { provider, secret, windowMs, allowLegacySignatures: flags.legacy !== undefined };
		case 'zendesk':
		case 'slack':
			return { provider, secret, windowMs };
		case 'intercom':
		case 'segment':
		case 'graph':
			return { provider, secret };
		case 'generic': {
			for (const required of ['signature-header', 'algorithm', 'encoding']) if (!flags[required]) usage(`--provider generic needs --${required}.`);
			return {
				provider,
				secret,
				signatureHeader: one(flags, 'signature-header') as string,
				algorithm: one(flags, 'algorithm') as 'sha256',
				encoding: one(flags, 'encoding') as 'hex',
				prefix: one(flags, 'prefix'),
				timestampHeader: one(flags, 'timestamp-header'),
				signedContent: one(flags, 'signed-content'),
				windowMs,
			};
		}
	}
}

function timing(result: Extract<WebhookVerification, { ok: true }>): string[] {
	if (result.signedAt === undefined || result.ageMs === undefined || result.windowMs === undefined) return [];
	const when = result.ageMs >= 0 ? `${describeDuration(result.ageMs)} before now` : `${describeDuration(result.ageMs)} after now`;
	return [`  signed at ${result.signedAt}, ${when} (window ${describeWindow(result.windowMs)})`];
}

export function formatVerification(result: WebhookVerification, nowGiven: boolean): string {
	if (!result.ok) {
		const lines = [`NOT VERIFIED (${result.status}): ${result.provider} request`, ...result.problems.map((problem) => `  ${problem.message}`)];
		if (!nowGiven && result.problems.some((p) => p.reason === 'stale_timestamp' || p.reason === 'future_timestamp')) {
			lines.push('  hint: checking a captured request later? pass --now with the time it was delivered');
		}
		return lines.join('\n');
	}
	if (result.handshake?.kind === 'graph_validation') {
		const { status, contentType, body } = result.handshake.respond;
		return [`HANDSHAKE: ${result.provider} subscription validation (nothing is signed)`, `  answer ${status} ${contentType} ${JSON.stringify(body)} within 10 seconds`].join('\n');
	}
	const lines = [`VERIFIED: ${result.provider} request (${result.schemeDescription})`, ...timing(result)];
	lines.push(
		result.replayProtection === 'timestamp window'
			? `  replay protection: timestamp window (${describeWindow(result.windowMs ?? 0)})`
			: '  replay protection: none from the signature (only a replay guard)',
	);
	for (const note of result.notes) lines.push(`  note: ${note}`);
	if (result.deliveryId) lines.push(`  delivery id: ${result.deliveryId}`);
	if (result.retry) lines.push(`  retry: attempt ${result.retry.attempt}${result.retry.reason ? ` (${result.retry.reason})` : ''}`);
	for (const refused of result.rejectedNotifications ?? []) lines.push(`  refused: ${refused.message}`);
	if (result.handshake) {
		const { status, contentType, body } = result.handshake.respond;
		lines.push(`  handshake: answer ${status} ${contentType} ${JSON.stringify(body)}`);
		return lines.join('\n');
	}
	const events = webhookEvents(result);
	lines.push(`  ${events.length} event${events.length === 1 ? '' : 's'}:`);
	for (const event of events.slice(0, 10)) lines.push(`    ${describeWebhookEvent(event)}`);
	if (events.length > 10) lines.push(`    … and ${events.length - 10} more`);
	return lines.join('\n');
}

async function verify(args: string[], io: WebhookCliIo): Promise<number> {
	const { flags, positionals } = parseArgs(args, ['help', 'legacy']);
	if (flags.help) {
		io.stdout(HELP);
		return 0;
	}
	if (positionals.length > 0) usage(`Unexpected argument "${positionals[0]}".`);
	const provider = one(flags, 'provider');
	if (!provider) usage('webhook verify needs --provider.');
	if (!WEBHOOK_PROVIDERS.includes(provider as WebhookProvider)) usage(`Unknown provider "${provider}": use one of ${WEBHOOK_PROVIDERS.join(', ')}.`);
	const allowed = [...COMMON_FLAGS, ...(provider === 'generic' ? GENERIC_FLAGS : []), ...(provider === 'hubspot' ? ['legacy'] : [])];
	const unknown = Object.keys(flags).find((name) => !allowed.includes(name));
	if (unknown) usage(`--${unknown} does not apply to --provider ${provider}.`);

	const fromFlag = one(flags, 'secret');
	const secret = fromFlag ?? (io.env ?? process.env)[WEBHOOK_SECRET_ENV] ?? '';
	if (fromFlag !== undefined) io.stderr(`note: --secret stays in your shell history; prefer the ${WEBHOOK_SECRET_ENV} environment variable`);
	if (!secret && provider !== 'graph') usage(`webhook verify needs the secret: set ${WEBHOOK_SECRET_ENV} (or pass --secret).`);

	const headersPath = one(flags, 'headers');
	const bodyPath = one(flags, 'body');
	if (provider !== 'graph' && !headersPath) usage('webhook verify needs --headers <headers.json>.');
	if (provider !== 'graph' && !bodyPath) usage('webhook verify needs --body <file> (the raw body as delivered).');
	const headers = headersPath ? readHeaders(io, headersPath) : {};
	const rawBody = bodyPath ? readBody(io, bodyPath) : new Uint8Array();

	const nowText = one(flags, 'now');
	const config = buildConfig(provider as WebhookProvider, secret, flags);
	let result: WebhookVerification;
	try {
		result = verifyWebhook({ method: one(flags, 'method') ?? 'POST', url: one(flags, 'url'), headers, rawBody }, config, { now: nowText });
	} catch (error) {
		if (error instanceof WebhookConfigError) usage(`${error.message}.`);
		if (nowText !== undefined) usage(`--now: ${(error as Error).message}.`);
		throw error;
	}
	if (!result.ok && result.reason === 'missing_url') usage(`${result.message} (--url).`);
	io.stdout(formatVerification(result, nowText !== undefined));
	return result.ok ? 0 : 1;
}

export const webhookCommand: CliCommand = {
	name: 'webhook',
	summary: 'Check a captured webhook request: does it verify, and if not, why (webhook verify …).',
	async run(args, io) {
		const [sub, ...rest] = args;
		if (!sub || sub === '--help' || sub === '-h') {
			io.stdout(HELP);
			return sub ? 0 : 1;
		}
		if (sub !== 'verify') throw new CliError(`Unknown webhook subcommand "${sub}".\n\n${HELP}`, 2);
		return verify(rest, io);
	},
};
