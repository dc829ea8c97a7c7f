/**
 * The owner directory of a HubSpot sweep (HubSpot owner id → name, e-mail, Slack user id), put together from
 * what a user set up without JSON: HubSpot's own owner list (optional), the directory JSON (older workflows),
 * the owner rows of the form (they win, field by field), then Slack user ids looked up by e-mail for the owners
 * that have an e-mail and no Slack id (optional).
 */
import { ownValue, setOwn } from '../model';
import { hubSpotOwnerName, listHubSpotOwners, type HubSpotClientOptions } from '../sources/hubspot';
import type { SourceContext } from '../sources/http';
import { lookUpSlackUsers } from '../sources/slack';

export interface OwnerDirectoryEntry {
	name: string;
	email?: string;
	slackUserId?: string;
}
export type OwnerDirectory = Record<string, OwnerDirectoryEntry>;

/** One row of the form: a HubSpot owner id and what is known about the person (empty fields: not set). */
export interface OwnerRow {
	ownerId: string;
	name?: string;
	email?: string;
	slackUserId?: string;
}

export interface OwnerDirectoryOptions {
	/** The directory JSON, already parsed (may be empty). */
	directory?: Record<string, unknown>;
	rows?: readonly OwnerRow[];
	/** Read HubSpot's owner list with this client first. */
	hubspot?: HubSpotClientOptions;
	/** Look Slack user ids up by e-mail with this client. */
	slack?: SourceContext & { baseUrl?: string };
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

export async function buildOwnerDirectory(options: OwnerDirectoryOptions): Promise<OwnerDirectory> {
	const directory: OwnerDirectory = {};
	const merge = (id: string, entry: Partial<OwnerDirectoryEntry>) => {
		const known = ownValue(directory, id);
		const merged = { ...(known ?? {}) } as Partial<OwnerDirectoryEntry>;
		for (const key of ['name', 'email', 'slackUserId'] as const) {
			const value = text(entry[key]);
			if (value) merged[key] = value;
		}
		setOwn(directory, id, merged as OwnerDirectoryEntry);
	};
	if (options.hubspot) for (const owner of await listHubSpotOwners(options.hubspot)) merge(owner.id, { name: hubSpotOwnerName(owner), email: owner.email });
	for (const [id, entry] of Object.entries(options.directory ?? {})) merge(id, (entry ?? {}) as Partial<OwnerDirectoryEntry>);
	options.rows?.forEach((row, index) => {
		const id = text(row.ownerId);
		if (!id) throw new Error(`Owner row ${index + 1} has no HubSpot owner: choose one from the list (or type its owner ID), or remove the row`);
		merge(id, row);
		if (!ownValue(directory, id)!.name) {
			throw new Error(`Owner row ${index + 1} (HubSpot owner ${id}) has no name: type the person's name, or turn on "Load Owners From HubSpot" to take it from HubSpot`);
		}
	});
	if (options.slack) {
		const missing = Object.values(directory).filter((entry) => entry.email && !entry.slackUserId);
		const found = await lookUpSlackUsers(options.slack, missing.map((entry) => entry.email!));
		for (const entry of missing) {
			const id = found.get(entry.email!.toLowerCase());
			if (id) entry.slackUserId = id;
		}
	}
	return directory;
}
