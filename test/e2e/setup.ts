// e2e tests drive real n8n processes: the first run may install n8n (minutes), each CLI call takes seconds.
jest.setTimeout(40 * 60_000);
