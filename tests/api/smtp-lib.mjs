// A real SMTP server for the tests that e-mail (the smtp-server package, listening locally): every
// message it receives, decoded (RFC 2047 subject, base64 body), and a wait for the one to an address.
import { SMTPServer } from 'smtp-server';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function decode(raw) {
  const [head, body] = raw.split('\r\n\r\n');
  const header = (name) => (head.match(new RegExp(`^${name}: (.*)$`, 'mi')) || [])[1] || '';
  const subject = header('Subject').replace(/=\?UTF-8\?B\?([^?]*)\?=/g, (_, b) => Buffer.from(b, 'base64').toString('utf8'));
  return { subject, body: Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8'), id: header('Message-ID'), to: header('To') };
}

// { url, received, mailTo(address, after, subject), close() }: received holds { subject, body, id, to, rcpt }.
export async function startSmtp() {
  const received = [];
  const smtp = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onData(stream, session, done) {
      let raw = '';
      stream.on('data', (d) => { raw += d; });
      stream.on('end', () => { received.push({ ...decode(raw), rcpt: session.envelope.rcptTo.map((r) => r.address) }); done(); });
    },
  });
  await new Promise((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${smtp.server.address().port}`,
    received,
    // The first message to `address` among those received after the first `after` whose subject
    // matches `subject` (a RegExp; any when absent), within 10 s. Other mail to the same address (a
    // reminder the background job sends meanwhile) is passed over.
    async mailTo(address, after = 0, subject = null) {
      for (let i = 0; i < 100; i++) {
        const m = received.slice(after).find((x) => x.rcpt.includes(address) && (!subject || subject.test(x.subject)));
        if (m) return m;
        await sleep(100);
      }
      throw new Error(`no mail to ${address}`);
    },
    close: () => new Promise((r) => smtp.close(r)),
  };
}
