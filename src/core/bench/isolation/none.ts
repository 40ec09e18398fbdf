/**
 * No isolation: the program runs as the user, with the user's files and network. Kept for machines with nothing
 * better, and only on the user's explicit, per-run consent (the CLI's `--sandbox none`, VS Code's modal). What is
 * still done: a fresh temporary folder as working directory and HOME, a minimal environment (no API keys), and the
 * time limit / output cap that kill the process group.
 */
import { interpreterArgs, programEnv, type Isolation } from './types';

export const noIsolation: Isolation = {
  kind: 'none',
  info: (limits) => ({
    kind: 'none',
    tool: null,
    network: 'host',
    filesystem: 'NOT isolated: everything the user account can read and write',
    limits: { ...limits, memoryBytes: null, processes: null, fileSizeBytes: null, cpuSeconds: null, writableBytes: null },
  }),
  launch: async (program, _limits, parentEnv) => ({
    command: program.interpreter.path,
    args: interpreterArgs(program.language, `${program.hostDir}/${program.fileName}`),
    env: programEnv(parentEnv.PATH ?? '/usr/local/bin:/usr/bin:/bin', parentEnv.LANG, program.hostDir),
    cwd: program.hostDir,
  }),
};
