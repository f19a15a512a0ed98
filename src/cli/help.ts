// pt-BR help: commander's titles, usage placeholders and option annotations, translated.
import { type Argument, type Command, Help, type Option } from "commander";

const TITLES: Record<string, string> = {
  "Usage:": "Uso:",
  "Options:": "Opções:",
  "Commands:": "Comandos:",
  "Arguments:": "Argumentos:",
  "Global Options:": "Opções globais:",
};

function translateUsage(usage: string): string {
  return usage.replace("[options]", "[opções]").replace("[command]", "[comando]");
}

function annotate(description: string, extra: string[]): string {
  if (extra.length === 0) return description;
  const note = `(${extra.join("; ")})`;
  return description ? `${description} ${note}` : note;
}

function choicesOf(values: readonly string[] | undefined): string[] {
  return values ? [`valores: ${values.join(", ")}`] : [];
}

/** Applies the pt-BR help to a program; subcommands created afterwards inherit it. */
export function configurePtBrHelp(program: Command): void {
  program.helpOption("-h, --help", "mostra esta ajuda");
  program.helpCommand("help [comando]", "mostra a ajuda de um comando");
  program.configureHelp({
    showGlobalOptions: true,
    styleTitle: (title: string) => TITLES[title] ?? title,
    commandUsage(this: Help, cmd: Command) {
      return translateUsage(Help.prototype.commandUsage.call(this, cmd));
    },
    // "name|alias <args>": every command has options, so "[opções]" would only widen the
    // column (and commander stops wrapping descriptions when it is too wide).
    subcommandTerm(cmd: Command) {
      const args = cmd.registeredArguments
        .map((arg) => {
          const name = `${arg.name()}${arg.variadic ? "..." : ""}`;
          return arg.required ? `<${name}>` : `[${name}]`;
        })
        .join(" ");
      const alias = cmd.aliases()[0];
      return `${cmd.name()}${alias ? `|${alias}` : ""}${args ? ` ${args}` : ""}`;
    },
    optionDescription(option: Option) {
      const extra = choicesOf(option.argChoices);
      const showDefault = option.defaultValue !== undefined && (option.required || option.optional);
      if (showDefault) {
        extra.push(
          `padrão: ${option.defaultValueDescription ?? JSON.stringify(option.defaultValue)}`,
        );
      }
      if (option.envVar) extra.push(`env: ${option.envVar}`);
      return annotate(option.description ?? "", extra);
    },
    argumentDescription(argument: Argument) {
      const extra = choicesOf(argument.argChoices);
      if (argument.defaultValue !== undefined) {
        extra.push(
          `padrão: ${argument.defaultValueDescription ?? JSON.stringify(argument.defaultValue)}`,
        );
      }
      return annotate(argument.description ?? "", extra);
    },
  });
}
