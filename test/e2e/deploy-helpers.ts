// Shared by the deploy/destroy/demo end-to-end tests: the built CLI against a local engine on a
// free port over a temporary CONTABANCO_HOME (test/support/cli.ts), and deploy's report shape.
export { buildIfStale, ROOT as root } from "../support/build.js";
export { type Result, runCli, useCliEngine as useEngine } from "../support/cli.js";
export { region } from "../support/engine.js";

export interface DeployJson {
  stage: string;
  target: string;
  resources: { tipo: string; nome: string; arn: string; acao: string; mudancas: string[] }[];
}

/** `{ tipo: acao }` of a deploy or destroy report. */
export function actions(report: { resources: { tipo: string; acao: string }[] }) {
  return Object.fromEntries(report.resources.map((r) => [r.tipo, r.acao]));
}

export const ALL_KINDS = [
  "bucket",
  "tabela",
  "cofre",
  "papel-lambda",
  "papel-sfn",
  "funcao",
  "maquina-de-estados",
];
