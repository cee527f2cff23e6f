import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";

// Loopback stand-ins for S3 and DynamoDB (npm's s3rver and dynalite), so the
// real Terraform binary can run against the exact backend block the stacks
// synthesize. Ports are picked by the OS; everything stays on 127.0.0.1.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require("s3rver");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite = require("dynalite");

/** s3rver's built-in credentials. */
const S3RVER_KEY = "S3RVER";

export interface Emulators {
  readonly s3Port: number;
  readonly dynamoPort: number;
  /** Where s3rver keeps objects: `<dir>/<bucket>/<key>._S3rver_object`. */
  readonly s3Directory: string;
  /** The `-backend-config` file a user would write to point the backend at the emulators. */
  backendConfig(): string;
  /** Does the object exist? */
  objectExists(bucket: string, key: string): boolean;
  readObject(bucket: string, key: string): string;
  /** LockID of every item in the table. */
  lockIds(table: string): Promise<string[]>;
  stop(): Promise<void>;
}

export async function startEmulators(buckets: string[], table: string): Promise<Emulators> {
  const s3Directory = fs.mkdtempSync(path.join(os.tmpdir(), "s3rver-"));
  const s3 = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: s3Directory, configureBuckets: buckets.map((name) => ({ name })) });
  const dynamo = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  let s3Port: number;
  let dynamoPort: number;
  try {
    s3Port = (await s3.run()).port;
    await new Promise<void>((resolve, reject) => {
      dynamo.once("error", reject);
      dynamo.listen(0, "127.0.0.1", () => resolve());
    });
    dynamoPort = (dynamo.address() as { port: number }).port;
    // The bootstrap stack's key schema: hash key LockID, a string.
    await dynamoCall(dynamoPort, "CreateTable", {
      TableName: table,
      KeySchema: [{ AttributeName: "LockID", KeyType: "HASH" }],
      AttributeDefinitions: [{ AttributeName: "LockID", AttributeType: "S" }],
      BillingMode: "PAY_PER_REQUEST",
    });
  } catch (error) {
    await Promise.allSettled([s3.close(), new Promise((r) => dynamo.close(r))]);
    throw error;
  }
  const objectFile = (b: string, key: string) => path.join(s3Directory, b, `${key}._S3rver_object`);
  return {
    s3Port,
    dynamoPort,
    s3Directory,
    backendConfig: () =>
      [
        `endpoints = { s3 = "http://127.0.0.1:${s3Port}", dynamodb = "http://127.0.0.1:${dynamoPort}" }`,
        `access_key = "${S3RVER_KEY}"`,
        `secret_key = "${S3RVER_KEY}"`,
        "skip_credentials_validation = true",
        "skip_requesting_account_id = true",
        "skip_metadata_api_check = true",
        "skip_region_validation = true",
        "use_path_style = true",
        // s3rver predates the SDK's streaming checksums.
        "skip_s3_checksum = true",
        "",
      ].join("\n"),
    objectExists: (b, key) => fs.existsSync(objectFile(b, key)),
    readObject: (b, key) => fs.readFileSync(objectFile(b, key), "utf8"),
    lockIds: async (t) => {
      const result = (await dynamoCall(dynamoPort, "Scan", { TableName: t })) as { Items: Array<{ LockID: { S: string } }> };
      return result.Items.map((item) => item.LockID.S).sort();
    },
    stop: async () => {
      await Promise.allSettled([s3.close(), new Promise((r) => dynamo.close(r))]);
      fs.rmSync(s3Directory, { recursive: true, force: true });
    },
  };
}

/** One DynamoDB JSON-protocol call; dynalite wants a signature-shaped header, not a valid one. */
function dynamoCall(port: number, operation: string, body: object): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/",
        headers: {
          "Content-Type": "application/x-amz-json-1.0",
          "X-Amz-Target": `DynamoDB_20120810.${operation}`,
          "X-Amz-Date": "20250101T000000Z",
          Authorization: "AWS4-HMAC-SHA256 Credential=test/20250101/eu-west-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0",
        },
      },
      (response) => {
        let text = "";
        response.on("data", (chunk) => (text += chunk));
        response.on("end", () =>
          response.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(`dynalite ${operation}: ${response.statusCode} ${text}`)),
        );
      },
    );
    request.on("error", reject);
    request.end(JSON.stringify(body));
  });
}
