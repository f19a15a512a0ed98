// How the demo's story looks: numbered sections for people, one JSON document for scripts.
import type { DemoStory } from "../../app/demo.js";
import type { DeployReport } from "../../app/deploy/index.js";
import { eventRows } from "../../app/state-runs.js";
import { formatErrors } from "../../domain/index.js";
import { presentRecord, renderAccountTable } from "./accounts.js";
import type { Colors } from "./colors.js";
import { renderEventTable } from "./history.js";

/** The story after the deploy section, as text. */
export function renderStory(story: DemoStory, stage: string, colors: Colors): string {
  const lines: string[] = [];
  const heading = (text: string) => lines.push("", colors.bold(text));

  heading("2. Duas contas válidas (contabanco cadastrar)");
  for (const r of story.registered) {
    lines.push(
      r.status === "SUCCEEDED"
        ? `  ${colors.green("✔")} ${r.id}  ${r.titular} — ${r.bancoNome}: cadastrada (execução ${r.execucao})`
        : `  ${colors.yellow("•")} ${r.id}  ${r.titular}: já estava cadastrada (de um demo anterior)`,
    );
  }

  heading("3. Uma conta inválida");
  lines.push("  A CLI valida antes de enviar e aponta cada campo:");
  for (const line of formatErrors(story.fieldErrors).split("\n")) {
    lines.push(`    ${colors.red("✖")} ${line}`);
  }
  lines.push("  Enviada direto ao workflow (sem a CLI), a função contaBanco também recusa:");
  const { refused } = story;
  lines.push(
    `    ${colors.red(refused.status ?? "")} ${refused.error ?? ""}: ${refused.cause ?? ""}`,
  );

  heading("4. A mesma conta de novo");
  const dup = story.duplicate;
  if (dup) lines.push(`  ${colors.red(dup.status ?? "")} ${dup.error ?? ""}: ${dup.cause ?? ""}`);

  heading("5. As contas cadastradas (contabanco consultar)");
  lines.push(renderAccountTable(story.accounts, false, colors));

  const flag = stage === "dev" ? "" : ` --stage ${stage}`;
  const name = story.historyArn?.split(":").pop() ?? "";
  heading(`6. Histórico de uma execução (contabanco executions${flag} ${name} --eventos)`);
  lines.push(renderEventTable(eventRows(story.history), colors));

  // Every line here is a command that works as printed (test/e2e/demo.test.ts runs them).
  heading("E agora?");
  lines.push(
    `  contabanco cadastrar${flag} --titular "João Souza" --documento 168.995.350-09 --banco 104 --agencia 0123 --conta 00012345-6 --tipo poupanca`,
    `  contabanco consultar${flag} --documento 529.982.247-25`,
    `  contabanco executions${flag}`,
    ...(name ? [`  contabanco executions${flag} ${name} --eventos`] : []),
    "  contabanco diagrama",
    `  contabanco destroy${flag} --yes --apagar-dados   # remove o estágio do demo`,
    "  contabanco local stop   # para o motor local",
  );
  return lines.join("\n");
}

/** The story for scripts (`--json`): documents masked, as on screen. */
export function storyJson(story: DemoStory, report: DeployReport) {
  const outcome = (e: { status?: string; error?: string; cause?: string } | undefined) =>
    e ? { status: e.status, error: e.error, cause: e.cause } : undefined;
  return {
    stage: report.stage,
    target: report.target,
    deploy: report,
    cadastros: story.registered.map(({ id, status, executionArn, erro }) => ({
      id,
      status,
      executionArn,
      erro,
    })),
    invalida: { erros: story.fieldErrors, execucao: outcome(story.refused) },
    duplicada: outcome(story.duplicate),
    contas: story.accounts.map((r) => presentRecord(r, false)),
    historico: story.history.map((e) => ({ id: e.id, type: e.type, timestamp: e.timestamp })),
  };
}
