import { StackRule } from "./types";

const PEM = /-----BEGIN [A-Z ]*(PRIVATE KEY|CERTIFICATE)-----/;
/** Kubernetes Secrets whose values the rule reads. */
const SECRET_TYPES = ["kubernetes_secret_v1", "kubernetes_secret"];

/** Every string inside a value, with where it sits. */
function* strings(value: unknown, at: string): Generator<[string, string]> {
  if (typeof value === "string") yield [at, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, `${at}[${i}]`);
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) yield* strings(v, `${at}.${k}`);
}

export const K8sNoKeyLiteral: StackRule = {
  id: "K8S-NO-KEY-LITERAL",
  level: "error",
  finding: "A key, certificate or secret value is written into the stack's JSON, for everyone who reads the code",
  fix: "Make keys and certificates inside the cluster (WebhookCertificates does) and fill Secrets from references, write-only; never paste a PEM or a secret.",
  appliesTo: "stack",
  check(stack) {
    for (const r of stack.resources) {
      for (const [at, text] of strings(r.attributes, r.path)) if (PEM.test(text)) return `${at} holds a PEM block`;
      if (!SECRET_TYPES.includes(r.type)) continue;
      for (const field of ["data", "binary_data"]) {
        for (const [key, value] of Object.entries<unknown>(r.attributes[field] ?? {})) {
          // A Terraform expression (`${...}`) is filled in at apply; anything else is a literal in the JSON.
          if (typeof value !== "string" || !/^\$\{[\s\S]*\}$/.test(value)) return `${r.path} ${field}.${key} is a literal, not a reference`;
        }
      }
    }
    return undefined;
  },
};
