/**
 * Who leaves or arrives, from the text of an 8-K Item 5.02 ("On November 10, 2026, Jane R. Doe notified the
 * Company of her decision to resign as Chief Financial Officer …"). Sentence-level patterns: a person's name next
 * to a departure or appointment verb, and the office named after "as" or "the Company's". Unsure → no name
 * (the signal still says Item 5.02).
 */

export interface OfficerChange {
	name: string;
	change: 'departure' | 'appointment';
	office?: string;
}

const NAME = "(?:(?:Mr|Ms|Mrs|Dr)\\.?\\s+)?((?:[A-Z][a-z'’-]+|[A-Z]\\.)(?:\\s+(?:[A-Z]\\.|[A-Z][a-z'’-]+|(?:de|van|von|der|da|di|du|le|la)(?=\\s+[A-Z]))){1,3})";
const OFFICE = "(Chief\\s+(?:[A-Z][a-z]+\\s+){1,3}Officer|President(?:\\s+and\\s+Chief\\s+Executive\\s+Officer)?|(?:Executive|Senior)\\s+Vice\\s+President(?:,?\\s+[A-Z][a-z]+(?:\\s+(?:and\\s+)?[A-Z][a-z]+)*)?|General\\s+Counsel|Treasurer|Corporate\\s+Controller|Controller|Principal\\s+(?:Financial|Accounting)\\s+Officer|Chair(?:man|woman|person)?(?:\\s+of\\s+the\\s+Board)?)";

const NOT_NAMES = new Set(['The Company', 'The Board', 'Board', 'Company', 'Item', 'Section', 'Form', 'On', 'Effective', 'Chief', 'President', 'Directors', 'Registrant', 'Exchange Act', 'Securities']);
const MONTHS = /^(January|February|March|April|May|June|July|August|September|October|November|December)\b/;

function isName(candidate: string): boolean {
	const words = candidate.split(/\s+/);
	if (words.length < 2 || NOT_NAMES.has(candidate) || MONTHS.test(candidate)) return false;
	return !words.some((word) => ['Company', 'Board', 'Chief', 'Officer', 'President', 'Director', 'Directors', 'Inc', 'Corporation', 'Corp', 'Item', 'The', 'On', 'Vice', 'Executive', 'Financial', 'Agreement', 'Committee'].includes(word.replace(/[.,]$/, '')));
}

const DEPARTURE = new RegExp(`${NAME}(?:,[^.;]{0,80},)?\\s+(?:notified|informed|advised)\\s+[^.]{0,120}?(?:resign|retire|step down|depart|leave|not stand)(?:[^.]{0,80}?\\bas\\s+(?:the\\s+Company['’]s\\s+)?${OFFICE})?`, 'g');
const DEPARTURE_DIRECT = new RegExp(`${NAME}(?:,\\s+(?:the\\s+Company['’]s\\s+)?${OFFICE}(?:\\s+of\\s+the\\s+Company)?,)?\\s+(?:resigned|retired|will\\s+retire|will\\s+resign|stepped\\s+down|will\\s+step\\s+down|departed|will\\s+depart|was\\s+terminated|ceased\\s+to\\s+serve)(?:[^.]{0,60}?as\\s+(?:the\\s+Company['’]s\\s+)?${OFFICE})?`, 'g');
const APPOINTMENT = new RegExp(`(?:appointed|named|elected|promoted)\\s+${NAME}(?:,\\s+[^,]{1,60},)?\\s+(?:as|to\\s+serve\\s+as|to\\s+the\\s+(?:position|role)\\s+of)\\s+(?:the\\s+Company['’]s\\s+)?(?:(?:new|interim)\\s+)?${OFFICE}`, 'g');

export function officerChanges(text: string): OfficerChange[] {
	// "Acme Corp. (the Company)": abbreviation dots would end a sentence for the patterns below.
	const flat = text.replace(/\s+/g, ' ').replace(/\b(Corp|Inc|Co|Ltd|Mr|Ms|Mrs|Dr|No|Jr|Sr)\./g, '$1');
	const changes: OfficerChange[] = [];
	const add = (name: string | undefined, change: OfficerChange['change'], office: string | undefined) => {
		if (!name || !isName(name.trim())) return;
		const clean = name.trim();
		if (changes.some((c) => c.name === clean && c.change === change)) return;
		changes.push({ name: clean, change, ...(office ? { office: office.replace(/\s+/g, ' ').trim() } : {}) });
	};
	for (const match of flat.matchAll(DEPARTURE)) add(match[1], 'departure', match[2]);
	for (const match of flat.matchAll(DEPARTURE_DIRECT)) add(match[1], 'departure', match[2] ?? match[3]);
	for (const match of flat.matchAll(APPOINTMENT)) add(match[1], 'appointment', match[2]);
	return changes;
}
