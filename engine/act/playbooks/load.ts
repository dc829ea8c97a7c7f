import { ItemValidationError, parseItem } from '../../model';
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
	if (!Array.isArray(data)) throw new PlaybookCatalogueError(['the catalogue must be an array of playbooks']);
	const problems: string[] = [];
	const catalogue = new Map<string, Playbook>();
	const seenIds = new Set<string>();
	(data as unknown[]).forEach((raw, index) => {
		const id = raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : null;
		const name = id ? `playbook "${id}"` : `playbook ${index}`;
		let playbook: Playbook | undefined;
		try {
			playbook = parseItem(PlaybookSchema, 'playbook', index, raw);
		} catch (error) {
			if (!(error instanceof ItemValidationError)) throw error;
			for (const problem of error.problems) problems.push(`${name}: ${problem}`);
		}
		if (id !== null && seenIds.has(id)) problems.push(`${name}: duplicates the id of an earlier playbook`);
		if (id !== null) seenIds.add(id);
		if (playbook) catalogue.set(playbook.id, playbook);
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
