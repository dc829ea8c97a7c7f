'use strict';
/**
 * Fake Slack Web API (slack.com/api/<method>): chat.postMessage with Block Kit checks and the
 * HTTP-200 `ok:false` errors Slack sends for app errors; auth.test; conversations.list, .info, .history
 * (newest first, `oldest` / `latest` exclusive, `limit`, `response_metadata.next_cursor`) and .replies (parent
 * first). With `"rateTier": "nonMarketplace"` the history / replies `limit` is capped at 15, as Slack caps it for
 * commercially distributed apps outside the Marketplace.
 *
 * Dataset (beside channels):
 *   "slack": { "teamId": "T0VENDOR", "pageSize": 2, "channels": [{ "id": "C0ACME", "name": "acme-shared" }],
 *     "history": { "C0ACME": [{ "ts": "1763640000.000100", "user": "U0DANA", "user_team": "T0ACME", "text": "…",
 *                               "thread_ts": "…", "user_profile": { "real_name": "Dana Kim" } }] } }
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
function page(list, req, size) {
  const offset = req.query.cursor ? Number(Buffer.from(String(req.query.cursor), 'base64url').toString().replace('offset:', '')) : 0;
  if (!Number.isInteger(offset) || offset < 0) return { error: slackError('invalid_cursor') };
  const limit = Math.min(Number(req.query.limit ?? 100) || 100, size);
  const items = list.slice(offset, offset + limit);
  const more = offset + limit < list.length;
  return { items, more, next: more ? Buffer.from(`offset:${offset + limit}`).toString('base64url') : '' };
}

function channelOf(state, req) {
  const id = req.query.channel;
  const channel = state.slack.channels.find((c) => c.id === id);
  if (!channel) return { error: slackError('channel_not_found') };
  if (channel.member === false) return { error: slackError('not_in_channel') };
  return { channel };
}

/** Slack's `user_profile` on a message (objs_user_profile_short: every required field). */
function userProfile(message) {
  const realName = message.user_profile.real_name ?? '';
  const first = realName.split(' ')[0] || null;
  return {
    avatar_hash: 'g0fakeavatar',
    image_72: 'https://secure.gravatar.com/avatar/fake.jpg',
    first_name: first,
    real_name: realName,
    display_name: message.user_profile.display_name ?? first ?? '',
    team: message.user_team ?? message.team ?? 'T0FAKE',
    name: realName.toLowerCase().replace(/\s+/g, '.'),
    is_restricted: false,
    is_ultra_restricted: false,
  };
}

function withThreadFields(message, all) {
  const replies = all.filter((m) => m.thread_ts === message.ts && m.ts !== message.ts);
  if (replies.length === 0) return message;
  return { ...message, thread_ts: message.ts, reply_count: replies.length, reply_users: [...new Set(replies.map((r) => r.user))], latest_reply: replies.map((r) => r.ts).sort().pop() };
}

function history(state, req, replies) {
  const found = channelOf(state, req);
  if (found.error) return found.error;
  const all = (state.slack.history[found.channel.id] ?? []).map((m) => ({ type: 'message', team: m.user_team, ...m, ...(m.user_profile ? { user_profile: userProfile(m) } : {}) }));
  const oldest = req.query.oldest !== undefined ? Number(req.query.oldest) : -Infinity;
  const latest = req.query.latest !== undefined ? Number(req.query.latest) : Infinity;
  const size = state.slack.rateTier === 'nonMarketplace' ? Math.min(15, state.slack.pageSize) : state.slack.pageSize;
  let list;
  if (replies) {
    const ts = req.query.ts;
    if (!all.some((m) => m.ts === ts)) return slackError('thread_not_found');
    list = all.filter((m) => (m.ts === ts || m.thread_ts === ts) && (m.ts === ts || (Number(m.ts) > oldest && Number(m.ts) < latest))).sort((a, b) => Number(a.ts) - Number(b.ts));
    list = list.map((m) => (m.ts === ts ? withThreadFields(m, all) : m));
  } else {
    list = all
      .filter((m) => m.thread_ts === undefined || m.thread_ts === m.ts || m.subtype === 'thread_broadcast')
      .filter((m) => Number(m.ts) > oldest && Number(m.ts) < latest)
      .sort((a, b) => Number(b.ts) - Number(a.ts))
      .map((m) => withThreadFields(m, all));
  }
  const result = page(list, req, size);
  if (result.error) return result.error;
  const extra = replies ? {} : { pin_count: 0, channel_actions_ts: null, channel_actions_count: 0 };
  return { status: 200, json: { ok: true, messages: result.items, has_more: result.more, ...extra, response_metadata: { next_cursor: result.next } } };
}

/** users.lookupByEmail (scope users:read.email): the workspace member with that e-mail, case-insensitive, or users_not_found. */
function lookupByEmail(state, params) {
  if (!params.email) return slackError('invalid_arguments');
  const wanted = String(params.email).toLowerCase();
  const user = state.slack.users.find((u) => typeof u.email === 'string' && u.email.toLowerCase() === wanted);
  if (!user) return slackError('users_not_found');
  return {
    status: 200,
    json: { ok: true, user: { id: user.id, team_id: state.slack.teamId, name: user.name.toLowerCase().replace(/\s+/g, '.'), real_name: user.name, deleted: false, is_bot: false, profile: { email: user.email, real_name: user.name, display_name: user.name } } },
  };
}

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
        json: { ok: true, url: 'https://fake-workspace.slack.com/', team: 'Fake Workspace', user: 'cs-signal-bot', team_id: state.slack.teamId, user_id: 'U0FAKEBOT', bot_id: 'B0FAKEBOT', is_enterprise_install: false },
      };
    case 'conversations.list':
      return {
        status: 200,
        json: { ok: true, channels: state.slack.channels.map((c) => ({ id: c.id, name: c.name, is_channel: true, is_member: true })), response_metadata: { next_cursor: '' } },
      };
    case 'conversations.info': {
      const found = channelOf(state, req);
      if (found.error) return found.error;
      return { status: 200, json: { ok: true, channel: { id: found.channel.id, name: found.channel.name, is_channel: true, is_shared: true, is_ext_shared: true, is_member: true } } };
    }
    case 'users.lookupByEmail':
      return lookupByEmail(state, params);
    case 'conversations.history':
      return history(state, req, false);
    case 'conversations.replies':
      return history(state, req, true);
    default:
      return slackError('unknown_method');
  }
}

module.exports = { handleSlack, blockProblems };
