import { StackRule } from "./types";

/** Where each provider keeps its cluster connection: Kubernetes at the top, Helm in its `kubernetes` block. */
const CONNECTIONS: Record<string, (config: any) => any> = {
  kubernetes: (config) => config,
  helm: (config) => ([] as any[]).concat(config.kubernetes ?? [])[0] ?? {},
};
/** Settings that put a credential in the configuration (and so in plans and state), or borrow a local kubeconfig's. */
const STATIC = ["token", "password", "client_key", "config_path", "config_paths"];

export const K8sProviderExecAuth: StackRule = {
  id: "K8S-PROVIDER-EXEC-AUTH",
  level: "error",
  finding: "Helm or Kubernetes provider reaches the cluster with a static credential instead of a fresh token",
  fix: "Configure exec with `aws eks get-token` (command aws, api_version client.authentication.k8s.io/v1beta1) and no token, password, key or kubeconfig.",
  appliesTo: "stack",
  check(stack) {
    for (const [name, connectionOf] of Object.entries(CONNECTIONS)) {
      for (const config of stack.providers[name] ?? []) {
        const connection = connectionOf(config);
        const static_ = STATIC.find((key) => connection[key] !== undefined);
        if (static_) return `the ${name} provider sets ${static_}`;
        const exec = ([] as any[]).concat(connection.exec ?? [])[0];
        if (exec?.command !== "aws" || !([] as string[]).concat(exec.args ?? []).includes("get-token"))
          return `the ${name} provider has no aws eks get-token exec`;
      }
    }
    return undefined;
  },
};
