import { Writable } from 'node:stream';
import readline from 'node:readline';
import { AdminCommandError } from './admin-commands.js';

/**
 * Reads a secret from the terminal without echoing it (typed characters are not written back), asking
 * twice when `confirm` is given. From a pipe (no TTY) it reads one line per answer, still unechoed.
 * One readline interface for both answers: a second one would miss lines the first already buffered.
 */
export async function readSecret(question: string, confirm?: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _enc, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = readline.createInterface({ input: process.stdin, output, terminal: Boolean(process.stdin.isTTY) });
  const lines: string[] = [];
  const waiting: Array<(line: string | null) => void> = [];
  rl.on('line', (line) => {
    const w = waiting.shift();
    if (w) w(line);
    else lines.push(line);
  });
  rl.on('close', () => {
    for (const w of waiting.splice(0)) w(null);
  });
  const ask = async (q: string): Promise<string> => {
    muted = false;
    process.stderr.write(q);
    muted = true;
    const line = lines.length ? lines.shift()! : await new Promise<string | null>((r) => waiting.push(r));
    muted = false;
    process.stderr.write('\n');
    if (line === null) throw new AdminCommandError('没有读到密码（输入已结束）');
    return line;
  };
  try {
    const first = await ask(question);
    if (confirm && (await ask(confirm)) !== first) throw new AdminCommandError('两次输入的密码不一致');
    return first;
  } finally {
    rl.close();
  }
}
