// How deploy and destroy look to people: pt-BR labels, the plan, the summary table.
import type { Action, ResourceKind, ResourceResult } from "../../app/deploy/types.js";
import type { Colors } from "./colors.js";
import { renderTable } from "./table.js";

export const KIND_LABELS: Record<ResourceKind, string> = {
  bucket: "bucket S3 Express",
  tabela: "tabela DynamoDB",
  cofre: "cofre Glacier",
  "papel-lambda": "papel IAM da função",
  "papel-sfn": "papel IAM da máquina",
  funcao: "função Lambda",
  "maquina-de-estados": "máquina de estados",
};

const FEMININE = new Set<ResourceKind>(["tabela", "funcao", "maquina-de-estados"]);

/** What happened, agreeing with the resource's gender: "tabela …: criada", "bucket …: criado". */
export function pastAction(tipo: ResourceKind, acao: Action): string {
  if (acao === "sem mudança") return acao;
  const stem = acao === "criar" ? "criad" : "atualizad";
  return stem + (FEMININE.has(tipo) ? "a" : "o");
}

/** A destroy outcome for people, agreeing with the resource's gender ("tabela …: removida"). */
export function destroyedLabel(tipo: ResourceKind, acao: string): string {
  return FEMININE.has(tipo) ? acao.replace(/o$/, "a") : acao;
}

export function colorAction(action: string, colors: Colors): string {
  switch (action) {
    case "criar":
    case "criado":
    case "criada":
      return colors.green(action);
    case "atualizar":
    case "atualizado":
    case "atualizada":
      return colors.yellow(action);
    case "removido":
    case "removida":
      return colors.red(action);
    default:
      return colors.dim(action);
  }
}

/** One plan line: `criar      função Lambda  contabanco-dev-contaBanco (mudanças)`. */
export function planLine(
  tipo: ResourceKind,
  nome: string,
  acao: Action,
  mudancas: string[],
  colors: Colors,
): string {
  const detail = mudancas.length ? ` (${mudancas.join("; ")})` : "";
  const pad = " ".repeat(Math.max(0, 11 - acao.length));
  return `  ${colorAction(acao, colors)}${pad} ${KIND_LABELS[tipo].padEnd(21)} ${nome}${colors.dim(detail)}`;
}

/** The summary table: recurso, nome, ação, ARN. */
export function summaryTable(results: ResourceResult[], colors: Colors): string {
  return renderTable(
    [
      { header: "RECURSO", value: (r: ResourceResult) => KIND_LABELS[r.tipo] },
      { header: "NOME", value: (r) => r.nome },
      {
        header: "AÇÃO",
        value: (r) =>
          colorAction(r.acao, colors) +
          (r.mudancas.length ? colors.dim(` (${r.mudancas.join("; ")})`) : ""),
      },
      { header: "ARN", value: (r) => r.arn },
    ],
    results,
    { styleHeader: colors.bold },
  );
}
