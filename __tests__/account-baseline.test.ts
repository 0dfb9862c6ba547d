import { exampleConfig, type SynthesizedStack } from "./helpers";
import { synthesizeStackAlone } from "./support/one-stack";

/** The single resource of a type in a stack, whatever its generated name. */
function only(stack: SynthesizedStack, type: string): Record<string, any> {
  const all = Object.values(stack.resources(type));
  expect(all).toHaveLength(1);
  return all[0] as Record<string, any>;
}

describe("account baseline, in every member account stack", () => {
  const members = exampleConfig().accounts.filter((a) => a.purpose !== "management").map((a) => a.name);
  let stacks: Map<string, SynthesizedStack>;
  beforeAll(() => {
    stacks = new Map(members.map((name) => [name, synthesizeStackAlone(`account-${name}`)]));
  });

  it.each(members)("%s: encrypts new EBS volumes by default", (name) => {
    const stack = stacks.get(name)!;
    expect(only(stack, "aws_ebs_encryption_by_default").enabled).toBe(true);
  });

  it.each(members)("%s: turns on all four S3 Block Public Access settings for the account", (name) => {
    const stack = stacks.get(name)!;
    expect(only(stack, "aws_s3_account_public_access_block")).toMatchObject({
      block_public_acls: true,
      ignore_public_acls: true,
      block_public_policy: true,
      restrict_public_buckets: true,
    });
  });

  it.each(members)("%s: requires IMDSv2 for new instances by default", (name) => {
    const stack = stacks.get(name)!;
    expect(only(stack, "aws_ec2_instance_metadata_defaults")).toMatchObject({ http_tokens: "required", http_put_response_hop_limit: 2 });
  });

  it.each(members)("%s: blocks public sharing of EBS snapshots and AMIs", (name) => {
    const stack = stacks.get(name)!;
    expect(only(stack, "aws_ebs_snapshot_block_public_access").state).toBe("block-all-sharing");
    expect(only(stack, "aws_ec2_image_block_public_access").state).toBe("block-new-sharing");
  });

  it.each(members)("%s: has the backup vault the backup policy names, protected from destroy", (name) => {
    const stack = stacks.get(name)!;
    expect(only(stack, "aws_backup_vault")).toMatchObject({ name: "kestrel-lz-backup-vault", lifecycle: { prevent_destroy: true } });
  });

  it.each(members)("%s: has the backup role, assumable only by AWS Backup, with exactly the backup and restore policies, S3's included", (name) => {
    const stack = stacks.get(name)!;
    // Other roles (such as the VPC's flow-log role) may share the stack: find the backup role by its name.
    const [address, role] = Object.entries(stack.resources("aws_iam_role")).find(([, r]) => r.name === "kestrel-lz-backup") ?? [];
    expect(JSON.parse(role?.assume_role_policy)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "backup.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
    const attachments = Object.values(stack.resources("aws_iam_role_policy_attachments_exclusive"));
    expect(attachments.filter((a) => a.role_name === `\${aws_iam_role.${address}.name}`).map((a) => a.policy_arns)).toEqual([[
      "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
      "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
      // S3 has its own pair, outside the service-role/ path: without them every S3 bucket tagged for backup fails.
      "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup",
      "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore",
    ]]);
  });
});
