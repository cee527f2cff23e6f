import { Testing } from "cdktf";
import { PoolsideStack } from "../../stacks/poolside-stack";
import { decide } from "../permissions/harness";
import { builtIn, policy, problemsOf, resource, resources, synthJson, validate } from "../support/helpers";

/**
 * Poolside's database and the External Secrets Operator's role: what matters beyond the
 * snapshots (the password never in state, the network path, production's protections, the
 * secret only the operator reads), and the config's placement rules.
 */

function poolsideJson(input: any) {
  const env = validate(input)[0];
  return { env, json: synthJson(new PoolsideStack(Testing.app(), `poolside-${env.name}`, { environment: env })) };
}

describe.each(["dev", "staging", "prod"] as const)("%s: the database", (name) => {
  const { env, json } = poolsideJson(builtIn(name));
  const db = resource(json, "aws_db_instance");
  const group = resource(json, "aws_security_group", "database");

  it("keeps its password out of Terraform: RDS manages it in Secrets Manager, encrypted with the deployment's key", () => {
    expect(db).toMatchObject({
      engine: "postgres",
      manage_master_user_password: true,
      master_user_secret_kms_key_id: "${aws_kms_key.key_FEDD6EC0.arn}",
    });
    expect(db.password).toBeUndefined();
    expect(db.password_wo).toBeUndefined();
  });

  it("is private, encrypted with the deployment's key, and reachable on 5432 from the cluster's nodes only", () => {
    expect(db).toMatchObject({
      storage_encrypted: true,
      kms_key_id: "${aws_kms_key.key_FEDD6EC0.arn}",
      publicly_accessible: false,
      iam_database_authentication_enabled: true,
    });
    expect(db.vpc_security_group_ids).toEqual([
      `\${aws_security_group.${Object.keys(json.resource!.aws_security_group).find((k) => k.startsWith("database"))}.id}`,
    ]);
    const ingress = resources(json, "aws_vpc_security_group_ingress_rule").filter((r) =>
      String(r.security_group_id).includes("database_security_group"),
    );
    expect(ingress).toEqual([
      expect.objectContaining({
        ip_protocol: "tcp",
        from_port: 5432,
        to_port: 5432,
        referenced_security_group_id: "${aws_security_group.eks_node_security_group_C1F8CB46.id}",
      }),
    ]);
    expect(
      resources(json, "aws_vpc_security_group_egress_rule").filter((r) => String(r.security_group_id).includes("database_security_group")),
    ).toEqual([]);
    expect(group.ingress).toBeUndefined();
    const subnets: string[] = resource(json, "aws_db_subnet_group").subnet_ids;
    expect(subnets.length).toBeGreaterThanOrEqual(2);
    for (const subnet of subnets) expect(subnet).toMatch(/^\$\{aws_subnet\.network_private_\d+_/);
  });

  it("keeps production's data: Multi-AZ, deletion protection, a week of backups and a final snapshot; staging cannot delete it either", () => {
    expect(db).toMatchObject({
      backup_retention_period: 7,
      skip_final_snapshot: false,
      final_snapshot_identifier: `poolside-${name}-final`,
      copy_tags_to_snapshot: true,
    });
    expect(db.multi_az).toBe(name === "prod");
    expect(db.deletion_protection).toBe(name !== "dev");
  });

  it("tells the application where it is: parameters and outputs for the endpoint and the secret", () => {
    const names = resources(json, "aws_ssm_parameter").map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining([`${env.poolside!.parameterPath}/database/endpoint`, `${env.poolside!.parameterPath}/database/secret-arn`]),
    );
    expect(json.output!.database_secret_arn.value).toMatch(/master_user_secret\[0\]\.secret_arn/);
  });
});

describe("the External Secrets Operator's role", () => {
  const { env, json } = poolsideJson(builtIn("dev"));
  const role = resource(json, "aws_iam_role", "external_secrets");
  const documents = resources(json, "aws_iam_role_policy")
    .filter((p) => String(p.role).includes("external_secrets_role"))
    .map((p) => policy(p.policy));
  const account = env.account.id;
  const region = env.account.region;
  const principal = `arn:aws:iam::${account}:role/${role.name}`;
  const ask = (action: string, resource: string, shape: object = {}) =>
    decide({ principal, action, resource, account, identityPolicies: documents as never, shape: { region, ...shape } });
  const rdsSecret = `arn:aws:secretsmanager:${region}:${account}:secret:rds!db-0a1b2c3d-4e5f-6789-0abc-def012345678-AbCdEf`;

  it("is assumed by the operator's service account only", () => {
    expect(policy(role.assume_role_policy).Statement[0].Condition.StringEquals).toMatchObject({
      [Object.keys(policy(role.assume_role_policy).Statement[0].Condition.StringEquals).find((k) => k.endsWith(":sub"))!]:
        "system:serviceaccount:external-secrets:external-secrets",
    });
  });

  it("reads the database's secret (the one RDS tags with the stack's instance) and the deployment's parameters, nothing else", async () => {
    const own = { resourceTags: { "aws:rds:primaryDBInstanceArn": `arn:aws:rds:${region}:${account}:db:poolside-dev` } };
    expect(await ask("secretsmanager:GetSecretValue", rdsSecret, own)).toBe("Allowed");
    expect(
      await ask("secretsmanager:GetSecretValue", rdsSecret, {
        resourceTags: { "aws:rds:primaryDBInstanceArn": `arn:aws:rds:${region}:${account}:db:finance` },
      }),
    ).not.toBe("Allowed");
    expect(await ask("secretsmanager:GetSecretValue", `arn:aws:secretsmanager:${region}:${account}:secret:prod/api-key-AbCdEf`, own)).not.toBe(
      "Allowed",
    );
    expect(await ask("secretsmanager:PutSecretValue", rdsSecret, own)).not.toBe("Allowed");
    expect(await ask("ssm:GetParametersByPath", `arn:aws:ssm:${region}:${account}:parameter/poolside/deployment/dev`)).toBe("Allowed");
    expect(await ask("ssm:GetParameter", `arn:aws:ssm:${region}:${account}:parameter/poolside/deployment/dev/database/endpoint`)).toBe("Allowed");
    expect(await ask("ssm:GetParameter", `arn:aws:ssm:${region}:${account}:parameter/poolside/deployment/other/x`)).not.toBe("Allowed");
    expect(await ask("ssm:PutParameter", `arn:aws:ssm:${region}:${account}:parameter/poolside/deployment/dev/x`)).not.toBe("Allowed");
    // The key decrypts only through Secrets Manager and SSM, never directly (the bucket's objects use it too).
    expect(documents.flatMap((d) => d.Statement).find((s) => s.Sid === "DecryptThroughThoseServices")!.Condition).toEqual({
      StringEquals: { "kms:ViaService": [`secretsmanager.${region}.amazonaws.com`, `ssm.${region}.amazonaws.com`] },
    });
  });
});

describe("the database beside an existing cluster, or someone else's", () => {
  const existing = (database: object) => {
    const input = builtIn("dev");
    input.poolside = { ...input.poolside, existingCluster: { name: "platform-dev" }, kubernetes: undefined, database };
    return input;
  };

  it("creates it in the configured subnets, reachable from the configured groups", () => {
    const { json } = poolsideJson(
      existing({
        vpcId: "vpc-0a1b2c3d4e5f60718",
        subnetIds: ["subnet-0a1b2c3d4e5f60711", "subnet-0a1b2c3d4e5f60712"],
        clientSecurityGroupIds: ["sg-0a1b2c3d4e5f60731"],
      }),
    );
    expect(resource(json, "aws_db_subnet_group").subnet_ids).toEqual(["subnet-0a1b2c3d4e5f60711", "subnet-0a1b2c3d4e5f60712"]);
    expect(resource(json, "aws_security_group", "database").vpc_id).toBe("vpc-0a1b2c3d4e5f60718");
    expect(resource(json, "aws_vpc_security_group_ingress_rule", "database").referenced_security_group_id).toBe("sg-0a1b2c3d4e5f60731");
  });

  it("uses an existing database by its endpoint and secret, which only the operator's role reads", () => {
    const secretArn = "arn:aws:secretsmanager:eu-west-1:111111111111:secret:platform/db-AbCdEf";
    const { json } = poolsideJson(existing({ mode: "existing", endpoint: "db.platform.internal:5432", secretArn }));
    expect(json.resource!.aws_db_instance).toBeUndefined();
    expect(json.output!.database_endpoint.value).toBe("db.platform.internal:5432");
    const statements = resources(json, "aws_iam_role_policy")
      .filter((p) => String(p.role).includes("external_secrets_role"))
      .flatMap((p) => policy(p.policy).Statement);
    expect(statements.find((s) => s.Sid === "DatabaseSecret")).toEqual({
      Sid: "DatabaseSecret",
      Effect: "Allow",
      Action: ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"],
      Resource: secretArn,
    });
  });

  it.each([
    [
      {},
      /poolside\.database\.mode: \(missing\) is "create" \(the default\), which beside an existing cluster needs vpcId, subnetIds and clientSecurityGroupIds/,
    ],
    [
      { vpcId: "vpc-0a1b2c3d4e5f60718", subnetIds: ["subnet-0a1b2c3d4e5f60711"], clientSecurityGroupIds: ["sg-0a1b2c3d4e5f60731"] },
      /poolside\.database\.subnetIds: .* needs at least two subnets/,
    ],
    [{ mode: "existing", endpoint: "db:5432" }, /poolside\.database\.secretArn: \(missing\) is required with mode "existing"/],
  ])("refuses %j with the field and what is allowed", (database, message) => {
    expect(problemsOf(existing(database)).join("\n")).toMatch(message);
  });

  it("refuses a storage ceiling below the storage, and placement fields without an existing cluster", () => {
    const prod = builtIn("prod");
    prod.poolside = { ...prod.poolside, database: { allocatedStorageGiB: 200, maxAllocatedStorageGiB: 100, vpcId: "vpc-0a1b2c3d4e5f60718" } };
    const problems = problemsOf(prod).join("\n");
    expect(problems).toMatch(/poolside\.database\.maxAllocatedStorageGiB: 100 is below allocatedStorageGiB \(200\)/);
    expect(problems).toMatch(/poolside\.database\.vpcId: "vpc-0a1b2c3d4e5f60718" is for mode "create" with existingCluster only/);
  });

  it("refuses less than a week of backups in production, and allows it elsewhere", () => {
    const prod = builtIn("prod");
    prod.poolside = { ...prod.poolside, database: { backupRetentionDays: 3 } };
    expect(problemsOf(prod).join("\n")).toMatch(/poolside\.database\.backupRetentionDays: 3 must be at least 7 in production/);
    const dev = builtIn("dev");
    dev.poolside = { ...dev.poolside, database: { backupRetentionDays: 3 } };
    expect(validate(dev)[0].poolside!.database.backupRetentionDays).toBe(3);
  });
});
