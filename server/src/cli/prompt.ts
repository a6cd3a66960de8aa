import { Writable } from 'node:stream';
import readline from 'node:readline';

/**
 * Reads a secret from the terminal without echoing it (typed characters are not written back), asking
 * twice when `confirm` is given. From a pipe (no TTY) it reads one line per answer, still unechoed.
 */
export async function readSecret(question: string, confirm?: string): Promise<string> {
  const first = await ask(question);
  if (confirm) {
    const second = await ask(confirm);
    if (second !== first) throw new Error('两次输入的密码不一致');
  }
  return first;
}

function ask(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _enc, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = readline.createInterface({ input: process.stdin, output, terminal: Boolean(process.stdin.isTTY) });
  return new Promise((resolve, reject) => {
    rl.question(question, (answer) => {
      muted = false;
      process.stderr.write('\n');
      rl.close();
      resolve(answer);
    });
    muted = true;
    rl.once('close', () => reject(new Error('没有读到密码（输入已结束）')));
  });
}
