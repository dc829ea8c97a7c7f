/**
 * Generic transcript formats → speaker turns for the meeting detectors.
 */
import { TranscriptFormatError, parseSpeakerTurnJson, parseTranscript, parseWebVtt } from '../../engine/sources/transcripts';

describe('WebVTT transcripts', () => {
	it('reads Zoom-style "Speaker: text" cues', () => {
		const vtt = 'WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.200\nPat Lee: We\'re evaluating other vendors before renewal.\n\n2\n00:00:04.500 --> 00:00:07.000\nSam Ortiz: Understood.\n';
		expect(parseWebVtt(vtt)).toEqual([
			{ speaker: 'Pat Lee', start: 1, text: "We're evaluating other vendors before renewal." },
			{ speaker: 'Sam Ortiz', start: 4.5, text: 'Understood.' },
		]);
	});

	it('reads <v Speaker> voice tags, merges a speaker\'s consecutive cues and skips NOTE blocks', () => {
		const vtt = [
			'WEBVTT - exported',
			'',
			'NOTE recorded by the meeting tool',
			'',
			'00:01.000 --> 00:03.000',
			'<v Dana Kim>We need to justify</v>',
			'',
			'00:03.000 --> 00:05.500 align:start',
			'<v Dana Kim>the cost before renewal.</v>',
			'',
			'cue-3',
			'01:00:00.000 --> 01:00:02.000',
			'<v.loud Sam Ortiz>Of course.',
		].join('\r\n');
		expect(parseWebVtt(vtt)).toEqual([
			{ speaker: 'Dana Kim', start: 1, text: 'We need to justify the cost before renewal.' },
			{ speaker: 'Sam Ortiz', start: 3600, text: 'Of course.' },
		]);
	});

	it('names the line that is not a cue', () => {
		expect(() => parseWebVtt('Hello')).toThrow('line 1 is not "WEBVTT": not a WebVTT transcript');
		expect(() => parseWebVtt('WEBVTT\n\n1\n00:00:01 -> 00:00:02\nx')).toThrow('line 4 "00:00:01 -> 00:00:02" is not a cue timing ("00:00:01.000 --> 00:00:04.200")');
	});
});

describe('speaker-turn JSON', () => {
	it('reads Fireflies sentences (seconds) and normalised segments (milliseconds)', () => {
		expect(parseSpeakerTurnJson({ data: { transcript: { sentences: [{ index: 0, speaker_name: 'Dana Kim', text: 'Hello.', start_time: 1.5 }] } } })).toEqual([
			{ speaker: 'Dana Kim', start: 1.5, text: 'Hello.' },
		]);
		expect(parseSpeakerTurnJson({ segments: [{ speaker: 'Sam', startMs: 2500, endMs: 4000, text: ' Hi. ' }] })).toEqual([{ speaker: 'Sam', start: 2.5, text: 'Hi.' }]);
		expect(parseTranscript('[{"speaker":"Lee","text":"Yes."}]')).toEqual([{ speaker: 'Lee', text: 'Yes.' }]);
		expect(parseTranscript('WEBVTT\n\n00:00.000 --> 00:01.000\nLee: Yes.')).toEqual([{ speaker: 'Lee', start: 0, text: 'Yes.' }]);
	});

	it('names the turn and the missing field', () => {
		expect(() => parseSpeakerTurnJson([{ speaker: 'Dana', text: 'ok' }, { speaker: 'Sam' }])).toThrow(
			'turn 2: the text is missing (expected text, sentence, content, raw_text)',
		);
		expect(() => parseSpeakerTurnJson([{ text: 'ok' }])).toThrow('turn 1: the speaker is missing (expected speaker, speaker_name, speakerName, name, participant)');
		expect(() => parseSpeakerTurnJson([{ speaker: 'Dana', text: 'ok', start: -3 }])).toThrow('turn 1: start -3 is not a time from the start of the call');
		expect(() => parseTranscript('{nope')).toThrow(TranscriptFormatError);
		expect(() => parseSpeakerTurnJson({ title: 'x' })).toThrow('speaker-turn JSON must be an array of turns');
	});
});
