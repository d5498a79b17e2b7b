const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** Where progress is written: a TTY gets a spinner line, anything else plain lines. */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): boolean;
}

/** Progress of long work on stderr. */
export interface ProgressReporter {
  /** Shows that `label` is under way: a spinner with the elapsed time on a TTY, nothing otherwise. */
  start(label: string): void;
  /** Ends the current step with a permanent line. */
  line(text: string): void;
  /** Stops the spinner, leaving the line clean. */
  stop(): void;
}

/**
 * A progress reporter: on a terminal one spinner line, redrawn in place, with the step and its
 * elapsed seconds; elsewhere (CI logs, pipes) only the finished lines, so logs stay readable.
 */
export function createProgressReporter(stream: ProgressStream, now: () => number = Date.now): ProgressReporter {
  const tty = stream.isTTY === true;
  let timer: NodeJS.Timeout | undefined;
  const clear = () => {
    if (timer === undefined) return;
    clearInterval(timer);
    timer = undefined;
    stream.write('\r\x1b[2K');
  };
  return {
    start(label) {
      clear();
      if (!tty) return;
      const started = now();
      let frame = 0;
      const draw = () => {
        stream.write(`\r\x1b[2K${FRAMES[frame % FRAMES.length]} ${label} ${((now() - started) / 1000).toFixed(1)} s`);
        frame += 1;
      };
      draw();
      timer = setInterval(draw, 100);
      timer.unref();
    },
    line(text) {
      clear();
      stream.write(`${text}\n`);
    },
    stop: clear,
  };
}
