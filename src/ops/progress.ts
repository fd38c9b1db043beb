/** A progress bar on standard error: redrawn in place on a terminal, one line per step otherwise. */
export interface Progress {
  advance(steps?: number): void;
  finish(): void;
}

export function progressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  let done = 0;
  const width = 30;
  const draw = () => {
    const filled = total === 0 ? width : Math.round((done / total) * width);
    const line = `${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total}`;
    stream.write(stream.isTTY ? `\r${line}` : `${line}\n`);
  };
  draw();
  return {
    advance(steps = 1) {
      done = Math.min(total, done + steps);
      draw();
    },
    finish() {
      if (stream.isTTY) stream.write("\n");
    },
  };
}
