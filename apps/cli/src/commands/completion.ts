import { Argument } from 'commander';
import type { Command } from 'commander';
import type { CommandHost } from '../command-host';

/** `presage completion bash|zsh`: a completion script built from the commands and flags themselves. */
export function registerCompletionCommand(program: Command, host: CommandHost): void {
  program
    .command('completion')
    .description('Print a shell completion script: eval "$(presage completion bash)" (or zsh).')
    .addArgument(new Argument('<shell>', 'the shell').choices(['bash', 'zsh']))
    .action(
      host.run((shell: string) => {
        const script = bashScript(program);
        // zsh runs the bash function through its bashcompinit layer.
        host.io.stdout(
          shell === 'zsh'
            ? `#compdef presage\nautoload -U +X bashcompinit && bashcompinit\n${script}`
            : script,
        );
      }),
    );
}

/** Each command path (`models/list`) with the words that may follow it: subcommands and flags. */
function completionTable(command: Command, prefix: string, globals: string[]): [string, string[]][] {
  const flags = command.options.map((option) => option.long).filter((flag): flag is string => Boolean(flag));
  const children = command.commands.filter((child) => child.name() !== 'help');
  const words = [...children.map((child) => child.name()), ...flags, ...globals, '--help'];
  return [
    [prefix, words],
    ...children.flatMap((child) =>
      completionTable(child, prefix ? `${prefix}/${child.name()}` : child.name(), globals),
    ),
  ];
}

function bashScript(program: Command): string {
  const globals = program.options
    .map((option) => option.long)
    .filter((flag): flag is string => Boolean(flag));
  const table = completionTable(program, '', []).map(([path, words]) =>
    path === '' ? ([path, words] as const) : ([path, [...words, ...globals]] as const),
  );
  const cases = table
    .map(([path, words]) => `    "${path}") words="${[...new Set(words)].join(' ')}" ;;`)
    .join('\n');
  const paths = table
    .map(([path]) => path)
    .filter(Boolean)
    .join(' ');
  return `# presage completion for bash: eval "$(presage completion bash)"
_presage() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" path="" word words="" i
  local paths=" ${paths} "
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    case "$paths" in
      *" \${path:+$path/}$word "*) path="\${path:+$path/}$word" ;;
    esac
  done
  case "$path" in
${cases}
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o default -F _presage presage
`;
}
