// Command-line options as `--name value` or a bare `--flag` (true).
export function options(args) {
  const parsed = {};
  for (let i = 0; i < args.length; i++) {
    if (args[i].startsWith('--')) parsed[args[i].slice(2)] = args[i + 1] === undefined || args[i + 1].startsWith('--') ? true : args[++i];
  }
  return parsed;
}
