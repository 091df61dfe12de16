/** The CLI's window on the world: output streams and the approval prompt. */
import { createInterface } from "node:readline";

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Asks a question on the terminal; undefined when there is no terminal to ask in. */
  ask(question: string): Promise<string | undefined>;
}

/**
 * A reader that goes away (`orgform plan | head -1`, a CI log collector that dies) closes the
 * pipe: node then raises EPIPE as an unhandled error, a stack trace in place of the command's
 * end, and an apply stopped half-way (creates sent, state unwritten). What orgform still prints
 * has nowhere to go, so it is dropped and the command finishes its work and its state.
 */
export function outliveClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.listenerCount("error") > 0) continue;
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") throw error;
    });
  }
}

export const processIo: Io = {
  out: (text) => void process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  err: (text) => void process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
  ask: async (question) => {
    if (!process.stdin.isTTY) return undefined;
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    try {
      return await new Promise<string>((resolve) => rl.question(question, resolve));
    } finally {
      rl.close();
    }
  },
};
