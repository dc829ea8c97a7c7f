/**
 * Layering of the exec / market / feeds code (ARCHITECTURE §4): sources/feeds is transport + mapping and knows
 * only the model and the HTTP port; detect/exec and detect/market never import sources/. The editable tables
 * ship inside the package (imported as JSON, so tsc puts them under dist/rules/tables).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function imports(folder: string): Array<{ file: string; target: string }> {
	const dir = join(ROOT, folder);
	return readdirSync(dir)
		.filter((name) => name.endsWith('.ts'))
		.flatMap((name) => {
			const text = readFileSync(join(dir, name), 'utf8');
			return [...text.matchAll(/from\s+'([^']+)'/g)].map((match) => ({ file: relative(ROOT, join(dir, name)), target: match[1] }));
		});
}

describe('layering of exec, market and feeds', () => {
	it('engine/sources/feeds imports only the model, sources/http, itself and libraries', () => {
		const bad = imports('engine/sources/feeds').filter(({ target }) => target.startsWith('.') && !['../../model', '../http'].includes(target) && !target.startsWith('./'));
		expect(bad).toEqual([]);
	});

	it.each(['engine/detect/exec', 'engine/detect/market'])('%s imports no source and no other detector', (folder) => {
		const bad = imports(folder).filter(({ target }) => /sources|sweeps|\.\.\/(crm|support|exec|market)\b/.test(target));
		expect(bad).toEqual([]);
	});

	it('the tables are imported (so they ship in dist/) from rules/tables', () => {
		expect(imports('engine/detect/exec').map((i) => i.target)).toContain('../../../rules/tables/seniority-titles.json');
		expect(imports('engine/detect/market').map((i) => i.target)).toContain('../../../rules/tables/market-news.json');
	});
});
