/**
 * Ctrl-C during apply: the first one lets calls in flight finish, records them and starts nothing
 * new; the second releases the lock and exits at once (state is still consistent, since it is
 * written after every change).
 */
import type { Io } from "./io";
import { MESSAGES } from "./views/messages";

export class Interrupts {
  requested = false;
  private readonly handler = () => this.onSignal();

  constructor(
    private readonly io: Io,
    private readonly releaseLock: () => Promise<void>,
  ) {}

  install(): void {
    process.on("SIGINT", this.handler);
    process.on("SIGTERM", this.handler);
  }

  uninstall(): void {
    process.off("SIGINT", this.handler);
    process.off("SIGTERM", this.handler);
  }

  private onSignal(): void {
    if (this.requested) {
      void this.releaseLock().finally(() => process.exit(130));
      return;
    }
    this.requested = true;
    this.io.err(MESSAGES.interrupted);
  }
}
