/**
 * Any other provider that signs with an HMAC: which header, which algorithm, hex or base64, an optional prefix
 * ("sha256=", "v0="), and optionally a timestamp header with a window and the signed content as a template
 * over {timestamp}, {body}, {method} and {url} — e.g. Zoom: header `x-zm-signature`, sha256, hex, prefix "v0=",
 * timestamp header `x-zm-request-timestamp`, content "v0:{timestamp}:{body}"; Fireflies: `x-hub-signature`,
 * sha256, hex.
 */
import { z } from 'zod';
import type { SignedSchemeSpec } from '../signed';
import { DEFAULT_WINDOW_MS } from '../timestamp';

export interface GenericHmacVerifierConfig {
	provider: 'generic';
	secret: string;
	/** The provider's name in messages ("Zoom"); default "generic". */
	name?: string;
	signatureHeader: string;
	algorithm: 'sha256' | 'sha1' | 'sha512';
	encoding: 'hex' | 'base64';
	prefix?: string;
	timestampHeader?: string;
	timestampFormat?: 'unix-seconds' | 'unix-ms' | 'iso' | 'auto';
	windowMs?: number;
	/** Default "{timestamp}{body}" with a timestamp header, else "{body}". */
	signedContent?: string;
}

const PLACEHOLDER = /\{(timestamp|body|method|url)\}/g;

export const GenericHmacConfigSchema = z
	.object({
		provider: z.literal('generic'),
		secret: z.string(),
		name: z.string().optional(),
		signatureHeader: z.string({ required_error: 'names no signature header' }).regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'is not an HTTP header name'),
		algorithm: z.enum(['sha256', 'sha1', 'sha512']),
		encoding: z.enum(['hex', 'base64']),
		prefix: z.string().optional(),
		timestampHeader: z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'is not an HTTP header name').optional(),
		timestampFormat: z.enum(['unix-seconds', 'unix-ms', 'iso', 'auto']).optional(),
		windowMs: z.number().positive().optional(),
		signedContent: z
			.string()
			.refine((template) => template.includes('{body}'), 'must contain {body}')
			.refine((template) => !/\{(?!timestamp\}|body\}|method\}|url\})[^}]*\}/.test(template), 'may only use {timestamp}, {body}, {method} and {url}')
			.optional(),
	})
	.refine((config) => !config.signedContent?.includes('{timestamp}') || config.timestampHeader, {
		message: 'uses {timestamp} but names no timestamp header',
		path: ['signedContent'],
	});

export function genericScheme(config: GenericHmacVerifierConfig, method: string, url: string | undefined): SignedSchemeSpec {
	const template = config.signedContent ?? (config.timestampHeader ? '{timestamp}{body}' : '{body}');
	const pieces = template.split(PLACEHOLDER);
	const name = config.name ?? 'generic';
	const described = pieces
		.map((piece, index) => (index % 2 === 1 ? piece : piece ? JSON.stringify(piece) : ''))
		.filter((piece) => piece !== '')
		.join(' + ');
	return {
		provider: 'generic',
		scheme: 'generic-hmac',
		description: `${config.encoding} HMAC-${config.algorithm.toUpperCase()} of ${described}`,
		secretName: `${name} secret`,
		secret: config.secret,
		signatureHeader: config.signatureHeader,
		prefix: config.prefix || undefined,
		encoding: config.encoding,
		algorithm: config.algorithm,
		splitCommas: false,
		timestamp: config.timestampHeader
			? { header: config.timestampHeader, format: config.timestampFormat ?? 'auto', windowMs: config.windowMs ?? DEFAULT_WINDOW_MS }
			: undefined,
		// split() with a capture group alternates literal text and placeholder names.
		signedParts: ({ body, timestamp }) =>
			pieces.map((piece, index) => {
				if (index % 2 === 0) return Buffer.from(piece, 'utf8');
				if (piece === 'body') return body;
				if (piece === 'timestamp') return Buffer.from(timestamp ?? '', 'utf8');
				if (piece === 'method') return Buffer.from(method, 'utf8');
				return Buffer.from(url ?? '', 'utf8');
			}),
		notes: config.timestampHeader ? [] : ['no timestamp is signed: replay protection only through a replay guard'],
	};
}
