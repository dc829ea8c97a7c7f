/** Small readers shared by the payload mappers: ids as strings, epoch and ISO times as ISO-8601 UTC. */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { parseIsoDate } from '../../model';

/** A provider id, numeric or text, as a non-empty string. */
export const idString = z.union([z.string().min(1), z.number().finite()]).transform(String);
export const optionalId = z
	.union([z.string(), z.number().finite(), z.null()])
	.optional()
	.transform((value) => (value === null || value === undefined || value === '' ? undefined : String(value)));
export const optionalText = z
	.union([z.string(), z.number(), z.boolean(), z.null()])
	.optional()
	.transform((value) => (value === null || value === undefined ? undefined : String(value)));
export const record = z.record(z.string(), z.unknown());

export function isRecord(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** ISO-8601 (any offset) or Unix seconds / milliseconds → ISO-8601 UTC; undefined for anything else. */
export function toIsoUtc(value: unknown, unit: 'seconds' | 'ms' = 'seconds'): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
		return DateTime.fromMillis(unit === 'seconds' ? value * 1000 : value, { zone: 'utc' }).toISO({ suppressMilliseconds: true }) ?? undefined;
	}
	if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value)) return toIsoUtc(Number(value), unit);
	const parsed = parseIsoDate(value);
	return parsed ? (parsed.toUTC().toISO({ suppressMilliseconds: true }) ?? undefined) : undefined;
}

/** Tags as a list, whether the payload sends an array or Zendesk's space-separated {{ticket.tags}}. */
export function tagList(value: unknown): string[] | undefined {
	if (Array.isArray(value)) return value.filter((tag): tag is string => typeof tag === 'string' && tag !== '');
	if (typeof value === 'string') return value.split(/\s+/).filter((tag) => tag !== '');
	return undefined;
}

/** Drop undefined fields (so events compare and serialise cleanly). */
export function compact<T extends object>(value: T): T {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
