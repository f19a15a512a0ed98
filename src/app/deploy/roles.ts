// The two IAM roles: one for the state machine, one for the Lambda, each with a trust policy for
// its service and a single least-privilege inline policy (any other inline policy is removed).
import {
  CreateRoleCommand,
  DeleteRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListRolePoliciesCommand,
  PutRolePolicyCommand,
  type Role,
  UpdateAssumeRolePolicyCommand,
} from "@aws-sdk/client-iam";
import {
  arnsFor,
  INLINE_POLICY_NAME,
  lambdaPolicy,
  type PolicyDocument,
  parsePolicy,
  samePolicy,
  stateMachinePolicy,
  trustPolicy,
} from "./policies.js";
import {
  type DeployContext,
  errorName,
  type Planned,
  type ResourceKind,
  type ResourceStep,
} from "./types.js";

export async function getRole(ctx: DeployContext, roleName: string): Promise<Role | undefined> {
  const iam = await ctx.clients.iam();
  try {
    return (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role;
  } catch (error) {
    if (errorName(error) === "NoSuchEntity" || errorName(error) === "NoSuchEntityException") {
      return undefined;
    }
    throw error;
  }
}

/** Every inline policy of a role, by name, parsed. */
export async function inlinePolicies(
  ctx: DeployContext,
  roleName: string,
): Promise<Map<string, unknown>> {
  const iam = await ctx.clients.iam();
  const names: string[] = [];
  let marker: string | undefined;
  do {
    const page = await iam.send(
      new ListRolePoliciesCommand({ RoleName: roleName, Marker: marker }),
    );
    names.push(...(page.PolicyNames ?? []));
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  const out = new Map<string, unknown>();
  for (const name of names) {
    const policy = await iam.send(
      new GetRolePolicyCommand({ RoleName: roleName, PolicyName: name }),
    );
    out.set(name, parsePolicy(policy.PolicyDocument));
  }
  return out;
}

interface RoleSpec {
  tipo: ResourceKind;
  roleName: string;
  arn: string;
  description: string;
  trust: PolicyDocument;
  policy: PolicyDocument;
}

function roleStep(spec: RoleSpec): ResourceStep {
  return {
    tipo: spec.tipo,
    nome: spec.roleName,
    async plan(c): Promise<Planned> {
      const role = await getRole(c, spec.roleName);
      if (!role) return { acao: "criar", mudancas: [], arn: spec.arn };
      const mudancas: string[] = [];
      if (!samePolicy(parsePolicy(role.AssumeRolePolicyDocument), spec.trust)) {
        mudancas.push("política de confiança");
      }
      const policies = await inlinePolicies(c, spec.roleName);
      const current = policies.get(INLINE_POLICY_NAME);
      if (current === undefined) mudancas.push(`política ${INLINE_POLICY_NAME} ausente`);
      else if (!samePolicy(current, spec.policy)) {
        mudancas.push(`permissões da política ${INLINE_POLICY_NAME}`);
      }
      for (const name of policies.keys()) {
        if (name !== INLINE_POLICY_NAME) mudancas.push(`remover a política extra ${name}`);
      }
      return {
        acao: mudancas.length ? "atualizar" : "sem mudança",
        mudancas,
        arn: role.Arn ?? spec.arn,
      };
    },
    async apply(c, planned) {
      const iam = await c.clients.iam();
      let arn = planned.arn;
      if (planned.acao === "criar") {
        try {
          const out = await iam.send(
            new CreateRoleCommand({
              RoleName: spec.roleName,
              Description: spec.description,
              AssumeRolePolicyDocument: JSON.stringify(spec.trust),
            }),
          );
          arn = out.Role?.Arn ?? arn;
        } catch (error) {
          if (errorName(error) !== "EntityAlreadyExists") throw error;
        }
      } else {
        await iam.send(
          new UpdateAssumeRolePolicyCommand({
            RoleName: spec.roleName,
            PolicyDocument: JSON.stringify(spec.trust),
          }),
        );
        for (const name of (await inlinePolicies(c, spec.roleName)).keys()) {
          if (name === INLINE_POLICY_NAME) continue;
          await iam.send(
            new DeleteRolePolicyCommand({ RoleName: spec.roleName, PolicyName: name }),
          );
        }
      }
      await iam.send(
        new PutRolePolicyCommand({
          RoleName: spec.roleName,
          PolicyName: INLINE_POLICY_NAME,
          PolicyDocument: JSON.stringify(spec.policy),
        }),
      );
      return arn;
    },
  };
}

export function lambdaRoleStep(ctx: DeployContext): ResourceStep {
  const arns = arnsFor(ctx.names, ctx.accountId, ctx.partition);
  return roleStep({
    tipo: "papel-lambda",
    roleName: ctx.names.lambdaRole,
    arn: arns.lambdaRole,
    description: `contabanco (${ctx.names.stage}): execução da função contaBanco`,
    trust: trustPolicy("lambda.amazonaws.com"),
    policy: lambdaPolicy(arns),
  });
}

export function stateMachineRoleStep(ctx: DeployContext): ResourceStep {
  const arns = arnsFor(ctx.names, ctx.accountId, ctx.partition);
  return roleStep({
    tipo: "papel-sfn",
    roleName: ctx.names.sfnRole,
    arn: arns.sfnRole,
    description: `contabanco (${ctx.names.stage}): máquina de estados`,
    trust: trustPolicy("states.amazonaws.com"),
    policy: stateMachinePolicy(arns, !ctx.withoutVault),
  });
}
