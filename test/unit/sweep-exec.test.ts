/**
 * The exec sweep's state: what was emitted is remembered while it can still come back (inside the longest
 * look-back) and forgotten after; "new signals only" emits a change once; the state never grows with the book.
 */
import { sweepExecItems } from '../../engine/sweeps';
import { accounts, hubspotBouncedSponsor, hubspotPromotedChampion } from '../fixtures/exec/book';

const run = (asOf: string, previous?: unknown, emit: 'new' | 'active' = 'new') => sweepExecItems({ rows: [hubspotPromotedChampion, hubspotBouncedSponsor], accounts, fieldMap: 'hubspot', system: 'hubspot', asOf, previous, emit });

describe('sweepExecItems: the state between runs', () => {
	it('emits each change once with "new"; remembers it by id and day; forgets it once past every look-back', () => {
		const first = run('2026-11-14T09:00:00Z');
		expect(first.detections.map((d) => d.signal.type)).toEqual(['exec.champion_promoted', 'exec.sponsor_departed']);
		expect(Object.values(first.state.emitted).sort()).toEqual(['2026-10-05', '2026-11-10']);
		expect(first.read).toEqual({ contacts: 2, contactsOutsideBook: 0, signalsDetected: 2, signalsEmittedBefore: 0 });

		const second = run('2026-11-15T09:00:00Z', first.state);
		expect(second.detections).toEqual([]);
		expect(second.read.signalsEmittedBefore).toBe(2);

		// the default re-emits what is still inside its look-back
		expect(run('2026-11-15T09:00:00Z', first.state, 'active').detections).toHaveLength(2);

		// a year later nothing is detected any more and nothing is remembered
		const later = run('2027-11-20T09:00:00Z', second.state);
		expect([later.detections, later.state.emitted]).toEqual([[], {}]);
	});

	it('a state that is not one (an older format, hand-edited) starts afresh instead of failing', () => {
		expect(run('2026-11-14T09:00:00Z', { emitted: ['sig_x'] }).detections).toHaveLength(2);
		expect(run('2026-11-14T09:00:00Z', 'garbage').detections).toHaveLength(2);
	});
});
