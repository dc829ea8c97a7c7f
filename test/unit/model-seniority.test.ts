import { readSeniority, resolveSeniorityTable, seniorityFromTitle } from '../../engine/model';

describe('seniority from job title (rules/tables/seniority-titles.json)', () => {
	it.each([
		// the CRM detector's existing expectations (crm can switch to this table without changing them)
		['Chief Revenue Officer', 'c_level'], ['CFO', 'c_level'], ['Managing Director', 'c_level'], ['Vice President, Sales', 'vp'], ['SVP Engineering', 'vp'],
		['Head of IT', 'vp'], ['President', 'c_level'], ['Director of Operations', 'director'], ['IT Manager', 'manager'], ['Support Engineer', 'individual'],
		// English forms
		['EVP, Global Operations', 'vp'], ['V.P. Finance', 'vp'], ['C.E.O.', 'c_level'], ['Co-Founder & CTO', 'c_level'], ['CISO', 'c_level'], ['CCO', 'c_level'],
		['Chief of Staff', 'director'], ['Sr. Director, IT', 'director'], ['Assistant Director of Finance', 'director'], ['Team Lead, Support', 'manager'],
		['VP and General Manager, EMEA', 'vp'], ['Partner', 'c_level'], ['Senior Partner', 'c_level'], ['Partner Marketing Manager', 'manager'],
		['Product Owner', 'individual'], ['Sales Director / Interim CFO', 'c_level'],
		// other languages
		['Directeur des Systèmes d’Information', 'director'], ['Directrice Marketing', 'director'], ['Président-Directeur Général', 'c_level'], ['Directeur Général Adjoint', 'c_level'],
		['Leiter IT', 'director'], ['Leiterin Einkauf', 'director'], ['Vertriebsleiter', 'director'], ['Teamleiterin Kundenservice', 'manager'], ['Bereichsleiter Finanzen', 'vp'],
		['Geschäftsführer', 'c_level'], ['Geschaftsfuhrerin', 'c_level'], ['Director de Tecnología', 'director'], ['Directora Financiera', 'director'], ['Directora General', 'c_level'],
		['Gerente de Compras', 'manager'], ['Responsabile Acquisti', 'manager'], ['Amministratore Delegato', 'c_level'], ['Diretor de TI', 'director'], ['Diretora-Presidente', 'c_level'],
		['Vicepresidente de Ventas', 'vp'],
	])('%s → %s', (title, level) => {
		expect(seniorityFromTitle(title)).toBe(level);
	});

	it.each([
		["Director's assistant", 'individual'],
		['Assistant to the VP', 'individual'],
		['Executive Assistant to the CEO', 'individual'],
		['EA to the CFO', 'individual'],
		['CEO Office Manager', 'manager'],
		['Program Manager, Office of the CTO', 'manager'],
		['Chief of Staff to the CEO', 'director'],
		['VP Assistant', 'individual'],
		['Assistentin der Geschäftsführung', 'individual'],
		['Former CFO', 'individual'],
		['Ex-VP Sales, now Advisor', 'individual'],
		['Vice President', 'vp'],
	])('precedence: %s → %s', (title, level) => {
		expect(seniorityFromTitle(title)).toBe(level);
	});

	it('says which phrase decided', () => {
		expect(readSeniority('Senior Vice President, Customer Success')).toEqual({ level: 'vp', phrase: 'senior vice president' });
		expect(readSeniority('Vertriebsleiter')).toEqual({ level: 'director', phrase: '…leiter' });
		expect(readSeniority('Analyst')).toEqual({ level: 'individual' });
		expect(readSeniority('  ')).toBeUndefined();
	});

	it('takes a team’s extra phrases, and names a bad entry', () => {
		const table = resolveSeniorityTable({ levels: { vp: { phrases: ['directeur exécutif'] } } });
		expect(seniorityFromTitle('Directeur Exécutif', table)).toBe('vp');
		expect(seniorityFromTitle('Directeur Exécutif')).toBe('director');
		expect(() => resolveSeniorityTable({ levels: { vp: { phrases: [''] } } })).toThrow('seniority table: levels.vp.phrases[0] "" must not be empty');
		expect(() => resolveSeniorityTable({ levels: { ceo: { phrases: ['x'] } } })).toThrow('seniority table: levels has unknown field(s) "ceo"');
	});
});
