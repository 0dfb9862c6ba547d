import { CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, type TerraformBackend, type TerraformStack } from "cdktf";
import { localStatePath, workspaceName } from "./naming";

/** Where the stacks keep their state; config's backend section (defaults applied) is of this shape. */
export type StateBackend =
  | { readonly type: "local" }
  | {
      readonly type: "s3";
      readonly bucket: string;
      /** Each stack's state is `<keyPrefix>/<stack>/terraform.tfstate`. */
      readonly keyPrefix: string;
      readonly region: string;
      readonly kmsKeyId?: string;
      /** A role to assume for state access. */
      readonly roleArn?: string;
    }
  | {
      readonly type: "cloud";
      readonly hostname: string;
      readonly organization: string;
      readonly workspacePrefix: string;
      readonly project?: string;
    };

/** Gives a stack its own state: one state file, S3 key or Terraform Cloud workspace per stack. Returns the backend. */
export function configureBackend(stack: TerraformStack, stackName: string, backend: StateBackend): TerraformBackend {
  switch (backend.type) {
    case "local":
      return new LocalBackend(stack, { path: localStatePath(stackName) });
    case "s3": {
      const s3 = new S3Backend(stack, {
        bucket: backend.bucket,
        key: `${backend.keyPrefix}/${stackName}/terraform.tfstate`,
        region: backend.region,
        encrypt: true,
        kmsKeyId: backend.kmsKeyId,
        assumeRole: backend.roleArn === undefined ? undefined : { roleArn: backend.roleArn },
      });
      // S3-native state locking (Terraform >= 1.10) replaces the DynamoDB lock table; cdktf 0.21's types predate it.
      s3.addOverride("use_lockfile", true);
      return s3;
    }
    case "cloud":
      return new CloudBackend(stack, {
        hostname: backend.hostname,
        organization: backend.organization,
        workspaces: new NamedCloudWorkspace(workspaceName(backend.workspacePrefix, stackName), backend.project),
      });
  }
}
