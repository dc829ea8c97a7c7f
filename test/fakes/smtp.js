'use strict';
/**
 * A small SMTP server standing in for the team's mail relay (n8n's Send Email node connects to a host and port
 * directly, not through the HTTP proxy): it accepts every message on loopback without TLS or authentication
 * (any user/password is taken, as a relay that trusts the network would), parses it and keeps it for the outbox.
 * Built on smtp-server (the SMTP protocol) and mailparser (MIME), both from the Nodemailer project that n8n's
 * own Send Email node uses on the other side of the wire.
 */
const { SMTPServer } = require('smtp-server');
const { simpleParser } = require('mailparser');

/** Starts the server; `onMessage` gets { from, to, subject, html, text, envelope } for every accepted message. */
function startSmtpFake({ host = '127.0.0.1', port = 0, onMessage, log } = {}) {
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    disableReverseLookup: true,
    logger: false,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const message = {
            from: mail.from?.text ?? '',
            to: mail.to?.text ?? '',
            subject: mail.subject ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
            text: mail.text ?? '',
            envelope: { from: session.envelope.mailFrom?.address ?? '', to: session.envelope.rcptTo.map((r) => r.address) },
          };
          onMessage?.(message);
          log?.(`SMTP message from ${message.envelope.from} to ${message.envelope.to.join(', ')}: ${message.subject}`);
          callback();
        })
        .catch((error) => callback(error));
    },
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const { port: actual } = server.server.address();
      resolve({ port: actual, host, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

module.exports = { startSmtpFake };
