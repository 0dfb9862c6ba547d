import { CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, type TerraformStack } from "cdktf";
import type { BackendConfig } from "./config/sections/backend";
import { localStatePath, workspaceName } from "./naming";

/** Gives a stack its own state: one state file, S3 key or Terraform Cloud workspace per stack. */
export function configureBackend(stack: TerraformStack, stackName: string, backend: BackendConfig): void {
  switch (backend.type) {
    case "local":
      new LocalBackend(stack, { path: localStatePath(stackName) });
      return;
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
      return;
    }
    case "cloud":
      new CloudBackend(stack, {
        hostname: backend.hostname,
        organization: backend.organization,
        workspaces: new NamedCloudWorkspace(workspaceName(backend.workspacePrefix, stackName), backend.project),
      });
      return;
  }
}
