'use strict';
/**
 * Decision: 10,000 AccountIntelligence items (from the aggregation of a generated book) through the shipped
 * rule packs. The node path is exactly what CS Decision Triggers calls — runDecisionSweep: one engine,
 * sequential evaluation, explanations, near misses, owner, due date, and the ledger's notification policy
 * (in-memory RecordStoreLedger). The baseline is bare json-rules-engine on the same compiled rules and the
 * same facts, `await engine.run(facts)` per account and nothing else. Goal: ratio ≤ 1.3.
 */
const { join } = require('node:path');
const { generateBook } = require('../generate');

const DIST = join(__dirname, '..', '..', '..', 'dist', 'engine');

async function timed(fn) {
	if (global.gc) global.gc();
	const start = process.hrtime.bigint();
	const result = await fn();
	return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

module.exports = {
	name: 'decision',
	async run(options = {}) {
		const { computeIntelligence, resolveIntelligenceConfig } = require(join(DIST, 'aggregate'));
		const { SIGNAL_TYPES } = require(join(DIST, 'taxonomy'));
		const { prepareRules, runDecisionSweep, shippedPackInputs } = require(join(DIST, 'decide'));
		const { RecordStoreLedger } = require(join(DIST, 'ledger'));
		const { Engine } = require('json-rules-engine');
		const accountsN = options.accounts ?? 10_000;
		const signalsN = options.signals ?? 200_000;
		const runs = options.runs ?? 2;

		const { accounts, signals, asOf } = generateBook({ accounts: accountsN, signals: signalsN, signalTypes: SIGNAL_TYPES, seed: options.seed ?? 42 });
		const intelligence = computeIntelligence(accounts, signals, { asOf, config: resolveIntelligenceConfig() });
		const items = intelligence.map((intel, itemIndex) => ({ intel, itemIndex }));
		const rules = prepareRules(shippedPackInputs());
		const engineRules = rules.flatMap((rule) => (rule.escalation ? [rule.engineRule, rule.escalation.engineRule] : [rule.engineRule]));
		const factNames = [...new Set(rules.flatMap((rule) => [...rule.leaves.values()].map((leaf) => leaf.fact)))];
		const factsOf = (intel) => {
			const facts = {};
			for (const name of factNames) facts[name] = intel.facts[name] ?? null;
			return facts;
		};

		const nodePath = () => runDecisionSweep(rules, items, new RecordStoreLedger(), { asOf });
		const bare = async () => {
			const engine = new Engine(engineRules, { allowUndefinedFacts: true });
			let fired = 0;
			for (const { intel } of items) fired += (await engine.run(factsOf(intel))).events.length;
			return fired;
		};
		// warm-up on a slice (JIT), then interleave timed runs so background load hits both alike
		await runDecisionSweep(rules, items.slice(0, 300), new RecordStoreLedger(), { asOf });
		{
			const engine = new Engine(engineRules, { allowUndefinedFacts: true });
			for (const { intel } of items.slice(0, 300)) await engine.run(factsOf(intel));
		}
		let node = { ms: Infinity };
		let base = { ms: Infinity };
		for (let r = 0; r < runs; r++) {
			const n = await timed(nodePath);
			if (n.ms < node.ms) node = n;
			const b = await timed(bare);
			if (b.ms < base.ms) base = b;
		}
		const decisions = node.result.all.length;
		const bareFired = base.result;
		const escalationEvents = bareFired - decisions;
		const throughput = accountsN / (node.ms / 1000);
		const baselineThroughput = accountsN / (base.ms / 1000);
		return {
			description: `${accountsN.toLocaleString('en-US')} accounts through ${rules.length} shipped rules (best of ${runs})`,
			unit: 'accounts',
			throughput: Math.round(throughput),
			baselineThroughput: Math.round(baselineThroughput),
			ratio: Math.round((baselineThroughput / throughput) * 100) / 100,
			goalRatio: 1.3,
			engineMs: Math.round(node.ms),
			baselineMs: Math.round(base.ms),
			notes: [
				`node path: ${decisions} decisions (${node.result.noTrigger.length} accounts without a trigger); bare json-rules-engine: ${bareFired} events (${escalationEvents} of them escalation rules)`,
			],
		};
	},
};
