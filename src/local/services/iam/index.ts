// IAM (awsQuery): the role calls deploy makes.
import { queryService, requiredParam } from "../../protocols/query.js";
import type { Service } from "../../types.js";
import {
  attachRolePolicy,
  detachRolePolicy,
  listAttachedRolePolicies,
} from "./attach-role-policy.js";
import { createRole } from "./create-role.js";
import { deleteRole } from "./delete-role.js";
import { deleteRolePolicy } from "./delete-role-policy.js";
import { getRole } from "./get-role.js";
import { getRolePolicy } from "./get-role-policy.js";
import { listRolePolicies } from "./list-role-policies.js";
import { putRolePolicy } from "./put-role-policy.js";
import { forgetRoles, type Tag } from "./roles.js";
import { listRoleTags, tagRole, untagRole } from "./tag-role.js";
import { updateAssumeRolePolicy } from "./update-assume-role-policy.js";

export const IAM_XMLNS = "https://iam.amazonaws.com/doc/2010-05-08/";

/** The actions, for in-process callers. */
export const iamActions = {
  createRole,
  getRole,
  deleteRole,
  putRolePolicy,
  getRolePolicy,
  deleteRolePolicy,
  listRolePolicies,
  updateAssumeRolePolicy,
  tagRole,
  untagRole,
  listRoleTags,
  attachRolePolicy,
  detachRolePolicy,
  listAttachedRolePolicies,
};

/** `Name.member.N` list parameters, in order. */
function memberList(params: URLSearchParams, name: string): string[] {
  const out: string[] = [];
  for (let i = 1; params.has(`${name}.member.${i}`); i++)
    out.push(params.get(`${name}.member.${i}`)!);
  return out;
}

function tagList(params: URLSearchParams): Tag[] {
  const tags: Tag[] = [];
  for (let i = 1; params.has(`Tags.member.${i}.Key`); i++) {
    tags.push({
      Key: params.get(`Tags.member.${i}.Key`)!,
      Value: params.get(`Tags.member.${i}.Value`) ?? "",
    });
  }
  return tags;
}

function optional(params: URLSearchParams, name: string): string | undefined {
  return params.get(name) ?? undefined;
}

export function createIamService(): Service {
  let home: string | undefined;
  const service = queryService({
    name: "iam",
    xmlns: IAM_XMLNS,
    actions: {
      CreateRole: (ctx, p) => {
        const max = optional(p, "MaxSessionDuration");
        return createRole(ctx, {
          RoleName: requiredParam(p, "RoleName"),
          AssumeRolePolicyDocument: requiredParam(p, "AssumeRolePolicyDocument"),
          Path: optional(p, "Path"),
          Description: optional(p, "Description"),
          MaxSessionDuration: max === undefined ? undefined : Number(max),
          Tags: tagList(p),
        });
      },
      GetRole: (ctx, p) => getRole(ctx, { RoleName: requiredParam(p, "RoleName") }),
      DeleteRole: async (ctx, p) => {
        await deleteRole(ctx, { RoleName: requiredParam(p, "RoleName") });
        return undefined;
      },
      PutRolePolicy: async (ctx, p) => {
        await putRolePolicy(ctx, {
          RoleName: requiredParam(p, "RoleName"),
          PolicyName: requiredParam(p, "PolicyName"),
          PolicyDocument: requiredParam(p, "PolicyDocument"),
        });
        return undefined;
      },
      GetRolePolicy: (ctx, p) =>
        getRolePolicy(ctx, {
          RoleName: requiredParam(p, "RoleName"),
          PolicyName: requiredParam(p, "PolicyName"),
        }),
      DeleteRolePolicy: async (ctx, p) => {
        await deleteRolePolicy(ctx, {
          RoleName: requiredParam(p, "RoleName"),
          PolicyName: requiredParam(p, "PolicyName"),
        });
        return undefined;
      },
      ListRolePolicies: (ctx, p) =>
        listRolePolicies(ctx, { RoleName: requiredParam(p, "RoleName") }),
      UpdateAssumeRolePolicy: async (ctx, p) => {
        await updateAssumeRolePolicy(ctx, {
          RoleName: requiredParam(p, "RoleName"),
          PolicyDocument: requiredParam(p, "PolicyDocument"),
        });
        return undefined;
      },
      TagRole: async (ctx, p) => {
        await tagRole(ctx, { RoleName: requiredParam(p, "RoleName"), Tags: tagList(p) });
        return undefined;
      },
      UntagRole: async (ctx, p) => {
        await untagRole(ctx, {
          RoleName: requiredParam(p, "RoleName"),
          TagKeys: memberList(p, "TagKeys"),
        });
        return undefined;
      },
      ListRoleTags: (ctx, p) => listRoleTags(ctx, { RoleName: requiredParam(p, "RoleName") }),
      AttachRolePolicy: async (ctx, p) => {
        await attachRolePolicy(ctx, {
          RoleName: requiredParam(p, "RoleName"),
          PolicyArn: requiredParam(p, "PolicyArn"),
        });
        return undefined;
      },
      DetachRolePolicy: async (ctx, p) => {
        await detachRolePolicy(ctx, {
          RoleName: requiredParam(p, "RoleName"),
          PolicyArn: requiredParam(p, "PolicyArn"),
        });
        return undefined;
      },
      ListAttachedRolePolicies: (ctx, p) =>
        listAttachedRolePolicies(ctx, { RoleName: requiredParam(p, "RoleName") }),
    },
  });
  return {
    ...service,
    async start(ctx) {
      home = ctx.home;
    },
    async stop() {
      if (home) forgetRoles(home);
    },
  };
}
