'use strict';
/**
 * Fake Slack Web API (slack.com/api/<method>): chat.postMessage with Block Kit checks and the
 * HTTP-200 `ok:false` errors Slack sends for app errors; auth.test; conversations.list.
 */

const BLOCK_TYPES = new Set(['header', 'section', 'divider', 'context', 'actions', 'image', 'input', 'rich_text', 'file', 'video', 'markdown']);
const TEXT_TYPES = new Set(['plain_text', 'mrkdwn']);

function slackError(error, messages) {
  const json = { ok: false, error };
  if (messages) {
    json.errors = messages;
    json.response_metadata = { messages: messages.map((m) => `[ERROR] ${m}`) };
  }
  return { status: 200, json };
}

function textObjectProblem(value, where, { plainOnly = false, max = 3000 } = {}) {
  if (!value || typeof value !== 'object') return `${where} must be a text object`;
  if (!TEXT_TYPES.has(value.type) || (plainOnly && value.type !== 'plain_text')) {
    return `${where}.type must be ${plainOnly ? 'plain_text' : 'plain_text or mrkdwn'}`;
  }
  if (typeof value.text !== 'string' || value.text.length === 0) return `${where}.text must be a non-empty string`;
  if (value.text.length > max) return `${where}.text must be at most ${max} characters`;
  return undefined;
}

/** Structural Block Kit checks (the ones Slack answers with invalid_blocks). */
function blockProblems(blocks) {
  if (!Array.isArray(blocks)) return ['blocks must be an array'];
  if (blocks.length > 50) return ['no more than 50 blocks are allowed'];
  const problems = [];
  blocks.forEach((block, i) => {
    const where = `blocks[${i}]`;
    if (!block || typeof block !== 'object' || !BLOCK_TYPES.has(block.type)) {
      problems.push(`${where}: unknown block type "${block?.type}"`);
      return;
    }
    let problem;
    if (block.type === 'header') problem = textObjectProblem(block.text, `${where}.text`, { plainOnly: true, max: 150 });
    if (block.type === 'section') {
      if (block.text === undefined && block.fields === undefined) problem = `${where}: a section needs text or fields`;
      else if (block.text !== undefined) problem = textObjectProblem(block.text, `${where}.text`);
      if (!problem && block.fields !== undefined) {
        if (!Array.isArray(block.fields) || block.fields.length === 0 || block.fields.length > 10) problem = `${where}.fields must hold 1 to 10 text objects`;
        else problem = block.fields.map((f, j) => textObjectProblem(f, `${where}.fields[${j}]`, { max: 2000 })).find(Boolean);
      }
    }
    if (block.type === 'context' && (!Array.isArray(block.elements) || block.elements.length === 0 || block.elements.length > 10)) {
      problem = `${where}.elements must hold 1 to 10 elements`;
    }
    if (block.type === 'actions' && (!Array.isArray(block.elements) || block.elements.length === 0 || block.elements.length > 25)) {
      problem = `${where}.elements must hold 1 to 25 elements`;
    }
    if (problem) problems.push(problem);
  });
  return problems;
}

function bodyParams(req) {
  if (req.json && typeof req.json === 'object') return req.json;
  if ((req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(req.body));
  }
  return { ...req.query };
}

function tokenOf(req, params) {
  const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
  return bearer ? bearer[1] : params.token;
}

/** A user id as `channel` posts to that person's direct-message conversation with the bot (Slack's D… id). */
function directMessage(state, id) {
  if (!/^[UW][A-Z0-9]{2,}$/.test(String(id))) return undefined;
  if (state.slack.users.length > 0 && !state.slack.users.some((u) => u.id === id)) return null;
  return { id: `D${String(id).slice(1)}`, user: id };
}

function postMessage(state, req, params) {
  if (!params.channel) return slackError('channel_not_found');
  const dm = directMessage(state, params.channel);
  if (dm === null) return slackError('channel_not_found');
  const channel = dm ?? (state.slack.channels.length === 0
    ? { id: params.channel }
    : state.slack.channels.find((c) => c.id === params.channel || `#${c.name}` === params.channel || c.name === params.channel));
  if (!channel) return slackError('channel_not_found');
  let blocks = params.blocks;
  if (typeof blocks === 'string') {
    try {
      blocks = JSON.parse(blocks);
    } catch {
      return slackError('invalid_blocks_format');
    }
  }
  const attachments = params.attachments;
  const hasText = typeof params.text === 'string' && params.text.trim() !== '';
  if (!hasText && (blocks === undefined || (Array.isArray(blocks) && blocks.length === 0)) && !attachments) return slackError('no_text');
  if (blocks !== undefined) {
    const problems = blockProblems(blocks);
    if (problems.length) return slackError('invalid_blocks', problems);
  }
  if (hasText && params.text.length > 40000) return slackError('msg_too_long');
  const ts = state.slackTs();
  const message = { user: 'U0FAKEBOT', type: 'message', ts, bot_id: 'B0FAKEBOT', app_id: 'A0FAKEAPP', text: params.text ?? '', team: 'T0FAKE' };
  if (blocks !== undefined) message.blocks = blocks;
  if (params.thread_ts) message.thread_ts = params.thread_ts;
  state.slack.messages.push({ channel: channel.id, ...(channel.user ? { dmUser: channel.user } : {}), ts, text: message.text, blocks, thread_ts: params.thread_ts, request: params });
  return { status: 200, json: { ok: true, channel: channel.id, ts, message } };
}

/** Returns a response or undefined when the path is not Slack's. */
function handleSlack(state, req) {
  const method = /^\/api\/([a-z]+\.[a-zA-Z.]+)$/.exec(req.pathname);
  if (!method) return undefined;
  const params = bodyParams(req);
  const token = tokenOf(req, params);
  if (!token) return slackError('not_authed');
  if (state.expectedTokens.slack && token !== state.expectedTokens.slack) return slackError('invalid_auth');
  switch (method[1]) {
    case 'chat.postMessage':
      return postMessage(state, req, params);
    case 'auth.test':
      return {
        status: 200,
        json: { ok: true, url: 'https://fake-workspace.slack.com/', team: 'Fake Workspace', user: 'cs-signal-bot', team_id: 'T0FAKE', user_id: 'U0FAKEBOT', bot_id: 'B0FAKEBOT', is_enterprise_install: false },
      };
    case 'conversations.list':
      return {
        status: 200,
        json: { ok: true, channels: state.slack.channels.map((c) => ({ id: c.id, name: c.name, is_channel: true, is_member: true })), response_metadata: { next_cursor: '' } },
      };
    default:
      return slackError('unknown_method');
  }
}

module.exports = { handleSlack, blockProblems };
