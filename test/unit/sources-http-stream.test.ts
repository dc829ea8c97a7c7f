/**
 * The streaming side of the HTTP port: the same retry policy for a streamed body (failed bodies read only
 * for the reason, then released), gzip by magic bytes, and lines split as they arrive.
 */
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { decodedBody, LINE_TOO_LONG, readLines, RequestFailure, requestStreamWithRetry, type SourceStreamResponse } from '../../engine/sources/http';

async function lines(chunks: Array<string | Buffer>, maxLineChars?: number): Promise<Array<[string | null, number]>> {
	const out: Array<[string | null, number]> = [];
	const total = await readLines(Readable.from(chunks), (text, n) => void out.push([text, n]), maxLineChars);
	expect(total).toBe(out.length);
	return out;
}

describe('readLines', () => {
	it('splits LF and CRLF lines across chunk boundaries, with multi-byte characters cut in half', async () => {
		const text = Buffer.from('{"a":"ü"}\r\n{"b":2}\n{"c":"日本"}', 'utf8');
		const cut = [text.subarray(0, 7), text.subarray(7, 15), text.subarray(15, 27), text.subarray(27)];
		expect(await lines(cut)).toEqual([
			['{"a":"ü"}', 1],
			['{"b":2}', 2],
			['{"c":"日本"}', 3],
		]);
	});

	it('a final newline adds no line; blank lines keep the numbering', async () => {
		expect(await lines(['a\n\nb\n'])).toEqual([
			['a', 1],
			['', 2],
			['b', 3],
		]);
	});

	it('a line longer than the limit is reported without being held, and the next line is read', async () => {
		expect(await lines(['ok\n', 'x'.repeat(40), 'x'.repeat(40), '\nnext\n'], 50)).toEqual([
			['ok', 1],
			[LINE_TOO_LONG, 2],
			['next', 3],
		]);
	});
});

describe('decodedBody', () => {
	it('gunzips a gzip body and passes anything else through', async () => {
		const text = Array.from({ length: 500 }, (_, i) => `{"n":${i}}`).join('\n');
		const gz = gzipSync(text);
		const read = async (chunks: Buffer[]) => {
			const out: Buffer[] = [];
			for await (const chunk of decodedBody(Readable.from(chunks))) out.push(Buffer.from(chunk));
			return Buffer.concat(out).toString('utf8');
		};
		expect(await read([gz.subarray(0, 10), gz.subarray(10)])).toBe(text);
		expect(await read([Buffer.from(text)])).toBe(text);
		expect(await read([])).toBe('');
	});

	it('a corrupt gzip body is an error, not silent garbage', async () => {
		const bad = Buffer.concat([gzipSync('hello').subarray(0, 12), Buffer.from('garbage')]);
		await expect((async () => {
			for await (const chunk of decodedBody(Readable.from([bad]))) void chunk;
		})()).rejects.toThrow();
	});
});

describe('requestStreamWithRetry', () => {
	function body(text: string) {
		const stream = Readable.from([Buffer.from(text)]);
		return stream;
	}

	it('a 503 with Retry-After: its body is released, then the 200 stream comes back unread', async () => {
		const first = body('{"error":"maintenance"}');
		const second = body('{"event":"x"}\n');
		const responses: SourceStreamResponse[] = [
			{ statusCode: 503, headers: { 'retry-after': '4' }, body: first },
			{ statusCode: 200, headers: {}, body: second },
		];
		const waits: number[] = [];
		const response = await requestStreamWithRetry({ streamRequest: async () => responses.shift()!, sleep: async (ms) => void waits.push(ms) }, { method: 'GET', url: 'https://x.test/e' });
		expect(waits).toEqual([4000]);
		expect(first.destroyed).toBe(true);
		expect(response.body).toBe(second);
		expect(second.readableEnded).toBe(false);
	});

	it('gives up with the reason from a gzip error body, secrets redacted', async () => {
		const failure = await requestStreamWithRetry(
			{ streamRequest: async () => ({ statusCode: 400, headers: {}, body: Readable.from([gzipSync('{"error":"bad where expression near token=abc123"}')]) }), sleep: async () => undefined },
			{ method: 'GET', url: 'https://x.test/e' },
		).catch((e) => e);
		expect(failure).toBeInstanceOf(RequestFailure);
		expect(failure.describe()).toBe('after 1 attempt (HTTP 400: bad where expression near token=[redacted])');
	});
});
