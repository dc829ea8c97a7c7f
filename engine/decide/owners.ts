/**
 * Every action has a named owner. The chain, as data: the person in the role the rule names; else the account
 * owner (the CSM); else the team lead (the CS manager, then the CS leader); else the configured default
 * (the node's fallback owner, "CS Ops queue" unless set) — so the chain never yields an empty owner.
 */
import type { Owner, OwnerRole, Owners, OwnerSource } from '../model';

/** After the rule's own role: who stands in, in order, and what the step is called. */
export const OWNER_FALLBACK_CHAIN: ReadonlyArray<{ source: Exclude<OwnerSource, 'role' | 'default'>; roles: readonly OwnerRole[] }> = Object.freeze([
	{ source: 'accountOwner', roles: ['csm'] },
	{ source: 'teamLead', roles: ['csManager', 'csLeader'] },
]);

/** The configured default when nobody configured one: a queue, never nobody. */
export const DEFAULT_FALLBACK_OWNER: Readonly<Owner> = Object.freeze({ name: 'CS Ops queue' });

export interface ResolvedOwner {
	role: OwnerRole;
	person: Owner;
	source: OwnerSource;
}

/** The owner of work in `role` on an account with `owners`, by the chain; `fallback` is the configured default. */
export function resolveOwner(role: OwnerRole, owners: Owners | undefined, fallback: Owner | null | undefined): ResolvedOwner {
	const byRole = owners?.[role];
	if (byRole) return { role, person: byRole, source: 'role' };
	for (const link of OWNER_FALLBACK_CHAIN) {
		for (const standIn of link.roles) {
			const person = owners?.[standIn];
			if (person) return { role, person, source: link.source };
		}
	}
	return { role, person: fallback ?? { ...DEFAULT_FALLBACK_OWNER }, source: 'default' };
}

/** "Maya Chen", "Maya Chen (account owner, no CS leader on record)", …: who owns it and why that person. */
export function ownerNote(owner: ResolvedOwner, roleLabel: (role: OwnerRole) => string): string {
	if (owner.source === 'role') return owner.person.name;
	const why = owner.source === 'accountOwner' ? 'account owner' : owner.source === 'teamLead' ? 'team lead' : 'default owner';
	return `${owner.person.name} (${why}, no ${roleLabel(owner.role)} on record)`;
}
