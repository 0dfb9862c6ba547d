import type { Assign } from "./organization-policy-document";

export interface AiOptOutPolicyDocument {
  readonly services: {
    readonly "@@operators_allowed_for_child_policies": readonly ["@@none"];
    readonly default: {
      readonly "@@operators_allowed_for_child_policies": readonly ["@@none"];
      readonly opt_out_policy: Assign<"optOut"> & { readonly "@@operators_allowed_for_child_policies": readonly ["@@none"] };
    };
  };
}

/**
 * Opts every account out of AWS AI services storing and using its content to improve the services, for every
 * service (`default`), and locks the choice (`@@none`) so no OU or account policy can opt back in.
 */
export function aiOptOutPolicy(): AiOptOutPolicyDocument {
  return {
    services: {
      "@@operators_allowed_for_child_policies": ["@@none"],
      default: {
        "@@operators_allowed_for_child_policies": ["@@none"],
        opt_out_policy: { "@@operators_allowed_for_child_policies": ["@@none"], "@@assign": "optOut" },
      },
    },
  };
}
