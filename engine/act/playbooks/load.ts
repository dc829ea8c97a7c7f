import { z } from 'zod';
import { describeIssue } from '../../model';
import { PLAYBOOK_DATA } from './catalogue';
import { PlaybookSchema, type Playbook, type PlaybookInput } from './schema';

/** A playbook catalogue that does not validate; the message lists every problem with playbook id and field. */
export class PlaybookCatalogueError extends Error {
	constructor(readonly problems: string[]) {
		super(`playbook catalogue is invalid:\n- ${problems.join('\n- ')}`);
		this.name = 'PlaybookCatalogueError';
	}
}

export type PlaybookCatalogue = ReadonlyMap<string, Playbook>;

/** Validate playbooks (zod) into a catalogue keyed by id; every problem is reported at once. */
export function loadPlaybookCatalogue(data: readonly PlaybookInput[] | unknown = PLAYBOOK_DATA): PlaybookCatalogue {
	const list = z.array(z.unknown()).safeParse(data);
	if (!list.success) throw new PlaybookCatalogueError(['the catalogue must be an array of playbooks']);
	const problems: string[] = [];
	const catalogue = new Map<string, Playbook>();
	const seenIds = new Set<string>();
	list.data.forEach((raw, index) => {
		const id = raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : null;
		const name = id ? `playbook "${id}"` : `playbook ${index}`;
		const parsed = PlaybookSchema.safeParse(raw);
		if (!parsed.success) for (const issue of parsed.error.issues) problems.push(`${name}: ${describeIssue(issue, raw)}`);
		if (id !== null && seenIds.has(id)) problems.push(`${name}: duplicates the id of an earlier playbook`);
		if (id !== null) seenIds.add(id);
		if (parsed.success) catalogue.set(parsed.data.id, parsed.data);
	});
	if (problems.length > 0) throw new PlaybookCatalogueError(problems);
	return catalogue;
}

let shipped: PlaybookCatalogue | undefined;

/** The shipped catalogue, validated once on first use. */
export function shippedPlaybooks(): PlaybookCatalogue {
	shipped ??= loadPlaybookCatalogue(PLAYBOOK_DATA);
	return shipped;
}
