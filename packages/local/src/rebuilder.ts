// Watches a folder and runs a rebuild after each burst of changes: one rebuild at a time,
// and a change made during a rebuild queues exactly one more.
import { relative } from "node:path";
import { watch } from "chokidar";

export interface RebuilderOptions {
  dir: string;
  /** Paths (relative to `dir`) to ignore, such as build output that would loop. */
  ignore: RegExp;
  /** Runs the rebuild; resolves to whether it succeeded. */
  rebuild(changed: string): Promise<boolean>;
  /** Editors write a file in several steps: wait this long after the last event. */
  debounceMs?: number;
}

export function watchAndRebuild({ dir, ignore, rebuild, debounceMs = 150 }: RebuilderOptions) {
  let running: Promise<unknown> | undefined;
  let pending: string | undefined;
  let timer: NodeJS.Timeout | undefined;

  const next = (changed: string) => {
    if (running) {
      pending = changed;
      return;
    }
    running = rebuild(changed)
      .catch(() => false)
      .finally(() => {
        running = undefined;
        if (pending !== undefined) {
          const again = pending;
          pending = undefined;
          next(again);
        }
      });
  };

  const watcher = watch(dir, { ignored: (path) => ignore.test(relative(dir, path)), ignoreInitial: true });
  const ready = new Promise<void>((resolve) => watcher.once("ready", () => resolve()));
  watcher.on("all", (_event, path) => {
    clearTimeout(timer);
    timer = setTimeout(() => next(relative(dir, path)), debounceMs);
  });

  return {
    ready,
    async close() {
      clearTimeout(timer);
      await watcher.close();
      await running;
    },
  };
}
